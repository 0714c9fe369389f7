import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost | null = null;

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await test?.close();
  test = null;
  await server.close();
  dirs.cleanup();
});

const NOTES_PATCH = [
  '*** Begin Patch',
  '*** Update File: notes.txt',
  '@@',
  ' one',
  '-two',
  '+two, patched',
  '*** End Patch',
].join('\n');

describe('review/files for one turn', () => {
  it('shows what the turn changed, not the user’s earlier uncommitted work', async () => {
    test = await AgentTestHost.start(dirs.make('skein-review-agent-'), agentEnv(server, dirs));
    const { thread } = await createAgentThread(test, dirs, {
      'notes.txt': 'one\ntwo\n',
      'README.md': '# x\n',
    });
    writeFileSync(join(thread.worktreePath, 'README.md'), '# x\nuser edit\n');
    server.script([
      { toolCalls: [{ id: 'call_patch', name: 'apply_patch', arguments: { patch: NOTES_PATCH } }] },
      { text: 'Patched.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Patch the notes', provider: 'openai' });
    const turn = await test.turnCompleted(thread.id);

    const summary = await test.client.api.review.files({
      threadId: thread.id,
      range: { kind: 'turn', turnId: turn.id },
    });
    expect(summary).toMatchObject({ from: turn.snapshotBefore, to: turn.snapshotAfter, base: null });
    expect(summary.files).toEqual([
      expect.objectContaining({
        path: 'notes.txt',
        change: 'modified',
        additions: 1,
        deletions: 1,
        uncommitted: false,
      }),
    ]);
    const diff = await test.client.api.review.fileDiff({
      threadId: thread.id,
      from: summary.from,
      to: summary.to,
      path: 'notes.txt',
    });
    expect(diff).toMatchObject({
      oldContent: 'one\ntwo\n',
      newContent: 'one\ntwo, patched\n',
      language: 'plaintext',
    });

    // The whole review still shows both: the user's edit and the turn's.
    const whole = await test.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });
    expect(whole.files.map((file) => file.path)).toEqual(['README.md', 'notes.txt']);

    const unknown = await rpcFailure(
      test.client.api.review.files({ threadId: thread.id, range: { kind: 'turn', turnId: 'no-such-turn' } }),
    );
    expect(unknown.kind).toBe('NOT_FOUND');
  });
});

describe('review/proposeMessage', () => {
  it('asks the thread’s model with the uncommitted diff', async () => {
    test = await AgentTestHost.start(dirs.make('skein-review-agent-'), agentEnv(server, dirs));
    const { thread } = await createAgentThread(test, dirs, { 'retry.ts': 'const ATTEMPTS = 1;\n' });
    await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { provider: 'openai' },
    });
    writeFileSync(join(thread.worktreePath, 'retry.ts'), 'const ATTEMPTS = 3;\n');
    server.script([{ text: 'fix(retry): try uploads three times' }]);

    const proposal = await test.client.api.review.proposeMessage({ threadId: thread.id });
    expect(proposal).toEqual({ message: 'fix(retry): try uploads three times', source: 'agent' });
    const user = server.requests[0]?.messages.find((entry) => entry.role === 'user')?.text ?? '';
    expect(user).toContain('+const ATTEMPTS = 3;');
    expect(user).toContain('retry.ts | 2');
  });

  it('falls back to a summary of the files when no model is configured', async () => {
    test = await AgentTestHost.start(
      dirs.make('skein-review-agent-'),
      agentEnv(server, dirs, { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' }),
    );
    const { thread } = await createAgentThread(test, dirs, { 'a.ts': 'a\n', 'b.ts': 'b\n' });
    const none = await rpcFailure(test.client.api.review.proposeMessage({ threadId: thread.id }));
    expect(none.kind).toBe('INVALID_STATE');

    writeFileSync(join(thread.worktreePath, 'a.ts'), 'a2\n');
    writeFileSync(join(thread.worktreePath, 'b.ts'), 'b2\n');
    writeFileSync(join(thread.worktreePath, 'c.md'), 'c\n');
    expect(await test.client.api.review.proposeMessage({ threadId: thread.id })).toEqual({
      message: 'Update 3 files: a.ts, b.ts, c.md',
      source: 'summary',
    });
    expect(server.requests).toEqual([]);
  });
});
