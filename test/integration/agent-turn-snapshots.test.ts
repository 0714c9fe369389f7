import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { turnSnapshotRef } from '../../src-main/core/agents';
import { openDatabase } from '../../src-main/core/store';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs, git } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let dataDir: string;

beforeEach(async () => {
  server = await startModelServer();
  dataDir = dirs.make('skein-agent-data-');
  test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
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

describe('per-turn snapshots', () => {
  it('records the worktree before and after a turn: they differ by exactly the turn’s change, and last', async () => {
    const { thread } = await createAgentThread(test, dirs, {
      'notes.txt': 'one\ntwo\n',
      'README.md': '# x\n',
    });
    const worktree = thread.worktreePath;
    // Work the user left uncommitted before the turn belongs to "before", not to the turn's diff.
    writeFileSync(join(worktree, 'README.md'), '# x\nuser edit\n');
    writeFileSync(join(worktree, 'scratch.txt'), 'untracked\n');
    const headBefore = git(worktree, ['rev-parse', 'HEAD']).trim();
    const statusBefore = git(worktree, ['status', '--porcelain']);
    server.script([
      { toolCalls: [{ id: 'call_patch', name: 'apply_patch', arguments: { patch: NOTES_PATCH } }] },
      { text: 'Patched.' },
    ]);

    await test.client.api.turn.start({ threadId: thread.id, message: 'Patch the notes', provider: 'openai' });
    const done = await test.turnCompleted(thread.id);
    expect(done.status).toBe('completed');
    const { snapshotBefore, snapshotAfter } = done;
    expect(snapshotBefore).toMatch(/^[0-9a-f]{40}$/);
    expect(snapshotAfter).toMatch(/^[0-9a-f]{40}$/);

    const changed = git(worktree, ['diff', '--name-status', snapshotBefore ?? '', snapshotAfter ?? '']);
    expect(changed.trim()).toBe('M\tnotes.txt');
    const diff = git(worktree, ['diff', '--unified=0', snapshotBefore ?? '', snapshotAfter ?? '']);
    expect(diff).toContain('-two\n+two, patched\n');
    expect(git(worktree, ['show', `${snapshotBefore}:README.md`])).toBe('# x\nuser edit\n');
    expect(git(worktree, ['show', `${snapshotBefore}:scratch.txt`])).toBe('untracked\n');
    expect(git(worktree, ['rev-parse', `${snapshotBefore}^`]).trim()).toBe(headBefore);

    // The snapshots touched neither HEAD nor the index: the user's changes are as uncommitted as before.
    expect(git(worktree, ['rev-parse', 'HEAD']).trim()).toBe(headBefore);
    expect(git(worktree, ['diff', '--cached', '--name-only'])).toBe('');
    expect(git(worktree, ['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual(
      [...statusBefore.split('\n').filter(Boolean), ' M notes.txt'].sort(),
    );
    const refs = git(worktree, [
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      `refs/skein/turns/${thread.id}`,
    ]);
    expect(refs.trim().split('\n').sort()).toEqual(
      [
        `${turnSnapshotRef(thread.id, done.seq, 'after')} ${snapshotAfter}`,
        `${turnSnapshotRef(thread.id, done.seq, 'before')} ${snapshotBefore}`,
      ].sort(),
    );
    expect(test.of('review/changed').map((entry) => entry.threadId)).toContain(thread.id);

    await test.close();
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
    const { turns } = await test.transcript(thread.id);
    expect(turns.map((turn) => [turn.snapshotBefore, turn.snapshotAfter])).toEqual([
      [snapshotBefore, snapshotAfter],
    ]);
  });

  it('takes "after" at the real end of a turn that paused for approval, and of an interrupted one', async () => {
    const { thread } = await createAgentThread(test, dirs);
    const worktree = thread.worktreePath;
    server.script([
      {
        toolCalls: [
          { id: 'call_out', name: 'shell', arguments: { command: 'echo hi > out.txt', escalate: true } },
        ],
      },
      { text: 'Written.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Write', provider: 'openai' });
    const approval = await test.approvalRequested(thread.id);
    await test.threadStatus(thread.id, 'waiting_approval');
    // Paused is not the end: no "after" yet.
    expect((await test.transcript(thread.id)).turns[0]?.snapshotAfter).toBeNull();
    await test.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
    const done = await test.turnCompleted(thread.id);
    expect(
      git(worktree, ['diff', '--name-only', done.snapshotBefore ?? '', done.snapshotAfter ?? '']).trim(),
    ).toBe('out.txt');

    // An interrupted turn ends too: its "after" is the worktree as the interrupt left it.
    server.script([{ text: ['slow ', 'answer'], chunkDelayMs: 2_000 }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Talk', provider: 'openai' });
    // Edits made once the "before" snapshot is taken belong to this turn's "after".
    while (!(await test.transcript(thread.id)).turns[1]?.snapshotBefore) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writeFileSync(join(worktree, 'during.txt'), 'user edit during the turn\n');
    await test.client.api.turn.interrupt({ threadId: thread.id });
    const interrupted = await test.turnCompleted(thread.id, 2);
    expect(interrupted.status).toBe('interrupted');
    const tree = (commit: string | null) => git(worktree, ['rev-parse', `${commit}^{tree}`]).trim();
    expect(tree(interrupted.snapshotBefore)).toBe(tree(done.snapshotAfter));
    expect(git(worktree, ['show', `${interrupted.snapshotAfter}:during.txt`])).toBe(
      'user edit during the turn\n',
    );
  });

  it('migration 4 adds the snapshot and answer columns to a version-3 database, keeping its turns', () => {
    const file = join(dirs.make('skein-store-'), 'skein.db');
    const old = openDatabase(file, { targetVersion: 3 });
    old.exec(`
      INSERT INTO projects (id, path, name, default_base, settings_json, created_at) VALUES ('p1', '/r', 'r', 'main', '{}', 1);
      INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
        VALUES ('t1', 'p1', 'T', 't', 'skein/t', 'main', 'abc', '/wt', 'ready', 1, 1);
      INSERT INTO turns (id, thread_id, seq, status, provider, model, started_at) VALUES ('u1', 't1', 1, 'completed', 'openai', 'm', 1);
      INSERT INTO approvals (id, thread_id, turn_id, call_id, kind, tool, request_json, status, created_at)
        VALUES ('a1', 't1', 'u1', 'c1', 'command', 'shell', '{}', 'declined', 1);
    `);
    expect(() => old.prepare('SELECT snapshot_before FROM turns').all()).toThrow(/no such column/);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT id, snapshot_before, snapshot_after FROM turns').all()).toEqual([
        { id: 'u1', snapshot_before: null, snapshot_after: null },
      ]);
      expect(db.prepare('SELECT answer_message FROM approvals').get()).toEqual({ answer_message: null });
    } finally {
      db.close();
    }
  });
});
