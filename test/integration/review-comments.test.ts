import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError, type NotificationParams, type ReviewComment } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let dataDir: string;
let published: NotificationParams<'review/comments'>[];

async function startHost(): Promise<void> {
  test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
  published = [];
  test.client.on('review/comments', (params) => published.push(params));
}

beforeEach(async () => {
  server = await startModelServer();
  dataDir = dirs.make('skein-review-comments-data-');
  await startHost();
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

const numbered = (name: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${name} ${index + 1}\n`).join('');

function patch(path: string, lines: string[]): string {
  return ['*** Begin Patch', `*** Update File: ${path}`, '@@', ...lines, '*** End Patch'].join('\n');
}

function patchCall(id: string, ...patches: string[]) {
  return {
    toolCalls: patches.map((text, index) => ({
      id: `${id}_${index}`,
      name: 'apply_patch',
      arguments: { patch: text },
    })),
  };
}

async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
}

function userMessages(request: RecordedRequest | undefined): string[] {
  return (request?.messages ?? [])
    .filter((message) => message.role === 'user')
    .map((message) => message.text);
}

/** The latest `review/comments` notification of a thread, once the client has it. */
async function lastPublished(threadId: string, count: number): Promise<ReviewComment[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mine = published.filter((entry) => entry.threadId === threadId);
    if (mine.length >= count) return mine.at(-1)?.comments ?? [];
    if (Date.now() > deadline)
      throw new Error(`expected ${count} review/comments notifications, got ${mine.length}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the host has finished resolving comments after every completed turn. */
async function settled(): Promise<void> {
  await test.host.services.agents.idle();
  await test.host.services.reviewComments.idle();
}

describe('review comments', () => {
  it('adds, edits and deletes drafts, publishing the thread’s whole list after each change', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'src/a.ts': numbered('line', 10) });
    const api = test.client.api.review;

    const first = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 3,
      endLine: 5,
      body: 'Merge these three lines.',
      quote: 'line 3\nline 4\nline 5',
    });
    expect(first).toMatchObject({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 3,
      endLine: 5,
      body: 'Merge these three lines.',
      quote: 'line 3\nline 4\nline 5',
      status: 'draft',
      sentTurnId: null,
      resolvedTurnId: null,
    });
    expect(await lastPublished(thread.id, 1)).toEqual([first]);

    const second = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'old',
      startLine: 1,
      endLine: 1,
      body: 'Why?',
      quote: 'line 1',
    });
    expect((await lastPublished(thread.id, 2)).map((comment) => comment.id)).toEqual([first.id, second.id]);

    const edited = await api.editComment({ commentId: first.id, body: '  Fold these into one.  ' });
    expect(edited).toMatchObject({ id: first.id, body: 'Fold these into one.', status: 'draft' });
    expect(edited.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
    expect((await lastPublished(thread.id, 3)).find((comment) => comment.id === first.id)?.body).toBe(
      'Fold these into one.',
    );

    expect(await api.deleteComment({ commentId: second.id })).toEqual({ ok: true });
    expect(await lastPublished(thread.id, 4)).toEqual([edited]);
    expect((await api.comments({ threadId: thread.id })).comments).toEqual([edited]);

    expect((await rpcError(api.editComment({ commentId: second.id, body: 'x' }))).kind).toBe('NOT_FOUND');
    expect((await rpcError(api.deleteComment({ commentId: second.id }))).kind).toBe('NOT_FOUND');
    const backwards = await rpcError(
      api.addComment({
        threadId: thread.id,
        path: 'a',
        side: 'new',
        startLine: 4,
        endLine: 2,
        body: 'x',
        quote: '',
      }),
    );
    expect(backwards.kind).toBe('INVALID_PARAMS');
    const outside = await rpcError(
      api.addComment({
        threadId: thread.id,
        path: '../a',
        side: 'new',
        startLine: 1,
        endLine: 1,
        body: 'x',
        quote: '',
      }),
    );
    expect(outside.kind).toBe('INVALID_PARAMS');
    const unknownThread = '00000000-0000-4000-8000-000000000000';
    expect((await rpcError(api.comments({ threadId: unknownThread }))).kind).toBe('NOT_FOUND');
    expect(published.filter((entry) => entry.threadId === thread.id)).toHaveLength(4);
  });

  it('refuses to send nothing, and lets a running turn’s refusal through with the drafts kept', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'src/a.ts': numbered('line', 10) });
    const api = test.client.api.review;
    const nothing = await rpcError(api.send({ threadId: thread.id }));
    expect(nothing.kind).toBe('INVALID_STATE');
    expect(nothing.message).toContain('no draft comments to send');
    expect((await rpcError(api.send({ threadId: thread.id, message: '   ' }))).kind).toBe('INVALID_STATE');

    const draft = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 2,
      endLine: 2,
      body: 'Rename.',
      quote: 'line 2',
    });
    server.script([{ text: ['Still ', 'thinking ', 'about ', 'it.'], chunkDelayMs: 150 }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Think slowly' });
    const busy = await rpcError(api.send({ threadId: thread.id }));
    expect(busy.kind).toBe('INVALID_STATE');
    expect(busy.message).toContain('A turn is already running');
    expect((await api.comments({ threadId: thread.id })).comments).toEqual([draft]);
    await test.turnCompleted(thread.id);
    await settled();

    // A message alone is a turn of its own; it sends nothing else.
    server.script([{ text: 'Done.' }]);
    await api.deleteComment({ commentId: draft.id });
    const { turn, comments } = await api.send({ threadId: thread.id, message: 'Look again.' });
    expect(comments).toEqual([]);
    expect(turn.seq).toBe(2);
    await test.turnCompleted(thread.id, 2);
    expect(userMessages(server.requests.at(-1)).at(-1)).toBe('Look again.');
  });

  it('sends drafts as one quoted message; turns that change those lines resolve them, others do not', async () => {
    const { thread } = await createAgentThread(test, dirs, {
      'src/a.ts': numbered('line', 10),
      'src/b.ts': numbered('row', 6),
    });
    const api = test.client.api.review;
    const onLines3to4 = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 3,
      endLine: 4,
      body: 'Spell the numbers out.',
      quote: 'line 3\nline 4\n',
    });
    const onLine9 = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 9,
      endLine: 9,
      body: 'And this one.',
      quote: 'line 9',
    });
    const onB = await api.addComment({
      threadId: thread.id,
      path: 'src/b.ts',
      side: 'new',
      startLine: 2,
      endLine: 2,
      body: 'Leave a note here.',
      quote: 'row 2',
    });

    server.script([
      patchCall('call_three', patch('src/a.ts', [' line 2', '-line 3', '+line three', ' line 4'])),
      { text: 'Line 3 is spelled out.' },
    ]);
    const sent = await api.send({ threadId: thread.id, message: 'Keep the style.' });
    expect(sent.turn).toMatchObject({ threadId: thread.id, seq: 1, status: 'running' });
    expect(sent.comments.map((comment) => [comment.id, comment.status, comment.sentTurnId])).toEqual([
      [onLines3to4.id, 'sent', sent.turn.id],
      [onLine9.id, 'sent', sent.turn.id],
      [onB.id, 'sent', sent.turn.id],
    ]);
    const editSent = await rpcError(api.editComment({ commentId: onLine9.id, body: 'changed my mind' }));
    expect(editSent.kind).toBe('INVALID_STATE');
    expect(editSent.message).toContain('already sent');

    const first = await test.turnCompleted(thread.id);
    expect(first.status).toBe('completed');
    await settled();
    expect(userMessages(server.requests[0]).at(-1)).toBe(
      [
        'Please address these review comments:',
        '',
        '1. src/a.ts, lines 3-4 (new):',
        '```',
        'line 3',
        'line 4',
        '```',
        'Spell the numbers out.',
        '',
        '2. src/a.ts, line 9 (new):',
        '```',
        'line 9',
        '```',
        'And this one.',
        '',
        '3. src/b.ts, line 2 (new):',
        '```',
        'row 2',
        '```',
        'Leave a note here.',
        '',
        'Keep the style.',
      ].join('\n'),
    );
    const afterFirst = (await api.comments({ threadId: thread.id })).comments;
    expect(afterFirst.map((comment) => [comment.id, comment.status, comment.resolvedTurnId])).toEqual([
      [onLines3to4.id, 'resolved', first.id],
      [onLine9.id, 'sent', null],
      [onB.id, 'sent', null],
    ]);
    expect((await lastPublished(thread.id, 5)).find((c) => c.id === onLines3to4.id)?.status).toBe('resolved');

    // A later turn, started by hand: it patches line 9 of a.ts and a line of b.ts away from the comment.
    server.script([
      patchCall(
        'call_nine',
        patch('src/a.ts', [' line 8', '-line 9', '+line nine', ' line 10']),
        patch('src/b.ts', [' row 4', '-row 5', '+row five', ' row 6']),
      ),
      { text: 'Done.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Carry on' });
    const second = await test.turnCompleted(thread.id, 2);
    expect(second.status).toBe('completed');
    await settled();
    const afterSecond = (await api.comments({ threadId: thread.id })).comments;
    expect(afterSecond.map((comment) => [comment.id, comment.status, comment.resolvedTurnId])).toEqual([
      [onLines3to4.id, 'resolved', first.id],
      [onLine9.id, 'resolved', second.id],
      [onB.id, 'sent', null],
    ]);
    expect(await lastPublished(thread.id, 6)).toEqual(afterSecond);
  });

  it('follows commented lines that an earlier turn moved', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'src/a.ts': numbered('line', 10) });
    const api = test.client.api.review;
    const comment = await api.addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 6,
      endLine: 6,
      body: 'Spell it out.',
      quote: 'line 6',
    });
    // The sent turn adds two lines at the top: "line 6" is now line 8, and line 6 holds "line 4".
    server.script([
      patchCall('call_top', patch('src/a.ts', ['+// header 1', '+// header 2', ' line 1'])),
      { text: 'Added a header first.' },
    ]);
    await api.send({ threadId: thread.id });
    await test.turnCompleted(thread.id);
    server.script([
      patchCall('call_four', patch('src/a.ts', [' line 3', '-line 4', '+line four', ' line 5'])),
      { text: 'Changed what is on line 6 now.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Go on' });
    await test.turnCompleted(thread.id, 2);
    await settled();
    expect((await api.comments({ threadId: thread.id })).comments[0]?.status).toBe('sent');

    server.script([
      patchCall('call_six', patch('src/a.ts', [' line 5', '-line 6', '+line six', ' line 7'])),
      { text: 'Spelled out.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Now the commented line' });
    const third = await test.turnCompleted(thread.id, 3);
    await settled();
    expect((await api.comments({ threadId: thread.id })).comments).toEqual([
      expect.objectContaining({ id: comment.id, status: 'resolved', resolvedTurnId: third.id }),
    ]);
  });

  it('resolves a comment on removed lines (old side) when a turn puts them back', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'c.txt': numbered('item', 6) });
    const api = test.client.api.review;
    server.script([
      patchCall('call_remove', patch('c.txt', [' item 2', '-item 3', '-item 4', ' item 5'])),
      { text: 'Removed two items.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Trim the list' });
    await test.turnCompleted(thread.id);

    // Lines of the base version: 3-4 are gone from the worktree, 6 is now its line 4.
    const removed = await api.addComment({
      threadId: thread.id,
      path: 'c.txt',
      side: 'old',
      startLine: 3,
      endLine: 4,
      body: 'Keep these.',
      quote: 'item 3\nitem 4',
    });
    const kept = await api.addComment({
      threadId: thread.id,
      path: 'c.txt',
      side: 'old',
      startLine: 6,
      endLine: 6,
      body: 'Fine as is.',
      quote: 'item 6',
    });
    server.script([
      patchCall('call_restore', patch('c.txt', [' item 2', '+item 3', '+item 4', ' item 5'])),
      { text: 'Restored.' },
    ]);
    const sent = await api.send({ threadId: thread.id });
    const done = await test.turnCompleted(thread.id, 2);
    await settled();
    expect(userMessages(server.requests.at(-2)).at(-1)).toContain('1. c.txt, lines 3-4 (old):');
    const comments = (await api.comments({ threadId: thread.id })).comments;
    expect(comments.map((comment) => [comment.id, comment.status, comment.resolvedTurnId])).toEqual([
      [removed.id, 'resolved', done.id],
      [kept.id, 'sent', null],
    ]);
    expect(done.id).toBe(sent.turn.id);
  });

  it('keeps comments across a host restart and removes them with their thread', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'src/a.ts': numbered('line', 4) });
    const api = () => test.client.api.review;
    const draft = await api().addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 1,
      endLine: 2,
      body: 'Draft survives.',
      quote: 'line 1\nline 2',
    });
    server.script([{ text: 'Noted.' }]);
    const { comments: sent } = await api().send({ threadId: thread.id });
    await test.turnCompleted(thread.id);
    await settled();
    const later = await api().addComment({
      threadId: thread.id,
      path: 'src/a.ts',
      side: 'new',
      startLine: 4,
      endLine: 4,
      body: 'Written after sending.',
      quote: 'line 4',
    });
    const before = (await api().comments({ threadId: thread.id })).comments;
    expect(before.map((comment) => comment.status)).toEqual(['sent', 'draft']);
    expect(before[0]).toEqual(sent[0]);
    expect(before[0]?.id).toBe(draft.id);

    await test.close();
    await startHost();
    expect((await api().comments({ threadId: thread.id })).comments).toEqual(before);
    await api().editComment({ commentId: later.id, body: 'Edited after the restart.' });
    expect(await lastPublished(thread.id, 1)).toHaveLength(2);

    await test.client.api.thread.delete({ threadId: thread.id, force: true });
    const left = test.host.services.db
      .prepare('SELECT COUNT(*) AS count FROM review_comments WHERE thread_id = ?')
      .get(thread.id) as { count: number };
    expect(left.count).toBe(0);
    expect((await rpcError(api().comments({ threadId: thread.id }))).kind).toBe('NOT_FOUND');
    expect((await rpcError(api().deleteComment({ commentId: later.id }))).kind).toBe('NOT_FOUND');
  });
});
