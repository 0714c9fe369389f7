import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { git, TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import {
  BINARY_BYTES,
  startRecoverHost,
  treeFingerprint,
  type RecoverHost,
} from '../support/recover-fixtures';

/**
 * Nothing lost (issue #9), the two gaps the first audit left: git-ignored files in a worktree that
 * archive or delete removes, and the conversation of a deleted thread.
 */
const dirs = new TempDirs();

const IGNORE_RULES = '.env.local\nnotes/\nnode_modules/\n*.log\nbuild/\nlinked-secret\n';
/** Paths the snapshot leaves out on purpose: a regenerable folder's files, one over the per-file limit. */
const NOT_KEPT = /^(node_modules|build)\/|^server\.log$/;

function write(worktree: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(worktree, file)), { recursive: true });
  writeFileSync(join(worktree, file), content);
}

/** Ignored files of every kind a user makes by hand in a worktree, plus ones Skein should not keep. */
function writeIgnoredWork(worktree: string): void {
  write(worktree, '.env.local', 'API_TOKEN=only-here\n');
  write(worktree, 'notes/todo.md', '# notes nobody committed\r\n');
  write(worktree, 'notes/deep/blob.bin', BINARY_BYTES);
  write(worktree, 'notes/run-me.sh', '#!/bin/sh\necho hi\n');
  chmodSync(join(worktree, 'notes/run-me.sh'), 0o755);
  symlinkSync('.env.local', join(worktree, 'linked-secret'));
  write(worktree, 'node_modules/pkg/index.js', 'module.exports = 1;\n');
  write(worktree, 'build/out.js', 'built\n');
  write(worktree, 'server.log', Buffer.alloc(1024 * 1024 + 1, 0x61));
}

function withoutNotKept(print: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(print).filter(([path]) => !NOT_KEPT.test(path)));
}

describe('git-ignored files survive archive and delete', () => {
  let r: RecoverHost;
  beforeAll(async () => {
    r = await startRecoverHost(dirs);
    r.repo.commit('Ignore rules', { '.gitignore': IGNORE_RULES });
  });
  afterAll(async () => {
    await r.close();
  });

  it('thread/archive of a worktree git calls clean: unarchive brings the ignored files back, and says what it left out', async () => {
    const thread = await r.readyThread('Archive ignored');
    writeIgnoredWork(thread.worktreePath);
    expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');
    const before = treeFingerprint(thread.worktreePath);

    const archived = await r.client.api.thread.archive({ threadId: thread.id });
    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(archived.statusDetail).toMatch(/refs\/skein\/trash\//);
    expect(archived.statusDetail).toContain(
      '3 ignored files or folders not kept (build/, node_modules/, server.log)',
    );

    await r.client.api.thread.unarchive({ threadId: thread.id });
    expect(treeFingerprint(thread.worktreePath)).toEqual(withoutNotKept(before));
    // Back as they were: ignored again, neither staged nor untracked.
    expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');
  });

  it('thread/delete (forced): trash/restore brings the ignored files back with the uncommitted work', async () => {
    const thread = await r.readyThread('Delete ignored');
    writeIgnoredWork(thread.worktreePath);
    write(thread.worktreePath, 'app.ts', 'export const a = 7;\n');
    const before = treeFingerprint(thread.worktreePath);

    const { trash } = await r.client.api.thread.delete({ threadId: thread.id, force: true });
    expect(trash).toHaveLength(1);
    expect(trash[0]!.reason).toMatch(/^delete: uncommitted changes; 3 ignored files or folders not kept \(/);
    expect(existsSync(thread.worktreePath)).toBe(false);

    const restored = await r.waitForStatus(
      (await r.client.api.trash.restore({ entryId: trash[0]!.id })).id,
      'ready',
    );
    expect(treeFingerprint(restored.worktreePath)).toEqual(withoutNotKept(before));
    expect(git(restored.worktreePath, ['status', '--porcelain'])).toBe(' M app.ts\n');
  });

  it('thread/delete of a clean, merged thread keeps its ignored files in the trash', async () => {
    const thread = await r.readyThread('Delete clean');
    write(thread.worktreePath, '.env.local', 'ONLY=here\n');
    const before = treeFingerprint(thread.worktreePath);

    const { trash } = await r.client.api.thread.delete({ threadId: thread.id });
    expect(trash.map((entry) => entry.reason)).toEqual(['delete: ignored files']);
    const restored = await r.waitForStatus(
      (await r.client.api.trash.restore({ entryId: trash[0]!.id })).id,
      'ready',
    );
    expect(treeFingerprint(restored.worktreePath)).toEqual(before);
  });

  it('setup files copied in unchanged are not kept (setup copies them again); an edited one is', async () => {
    const { repo, project } = await r.addProject();
    repo.commit('Ignore env', { '.gitignore': '.env\n.env.other\n' });
    writeFileSync(join(repo.path, '.env'), 'FROM=main\n');
    writeFileSync(join(repo.path, '.env.other'), 'FROM=main\n');
    await r.client.api.project.update({
      projectId: project.id,
      settings: { setupFiles: ['.env', '.env.other'] },
    });

    const untouched = await r.readyThread('Setup only', project);
    expect(existsSync(join(untouched.worktreePath, '.env'))).toBe(true);
    expect((await r.client.api.thread.delete({ threadId: untouched.id })).trash).toEqual([]);

    const edited = await r.readyThread('Edited setup', project);
    write(edited.worktreePath, '.env', 'FROM=thread\n');
    const { trash } = await r.client.api.thread.delete({ threadId: edited.id });
    expect(trash).toHaveLength(1);
    expect(git(repo.path, ['show', `${trash[0]!.commit}:.env`])).toBe('FROM=thread\n');
    expect(git(repo.path, ['ls-tree', '--name-only', trash[0]!.commit])).not.toContain('.env.other');

    // Restored, the thread's own .env is not overwritten by setup; the unchanged one is copied again.
    const restored = await r.waitForStatus(
      (await r.client.api.trash.restore({ entryId: trash[0]!.id })).id,
      'ready',
    );
    expect(readFileSync(join(restored.worktreePath, '.env'), 'utf8')).toBe('FROM=thread\n');
    expect(readFileSync(join(restored.worktreePath, '.env.other'), 'utf8')).toBe('FROM=main\n');
  });
});

describe("a deleted thread's conversation", () => {
  let server: ModelServer;
  let test: AgentTestHost;
  beforeAll(async () => {
    server = await startModelServer();
    test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
  });
  afterAll(async () => {
    await test.close();
    await server.close();
    dirs.cleanup();
  });

  /** An item as the UI shows it, without the ids that differ between the old thread and its copy. */
  const shown = ({ id: _id, threadId: _thread, turnId: _turn, ...rest }: Item) => rest;

  it('trash/restore of a deleted thread brings its transcript back, in order, into the recovered thread', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'notes.txt': 'one\n' });
    server.script([
      { toolCalls: [{ id: 'call_ls', name: 'shell', arguments: { command: 'echo listed' } }] },
      { text: 'First answer.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'List things', provider: 'openai' });
    await test.turnCompleted(thread.id);
    server.script([{ text: 'Second answer.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'And then?', provider: 'openai' });
    await test.turnCompleted(thread.id, 2);
    const old = await test.client.api.thread.items({ threadId: thread.id });
    expect(old.items.length).toBeGreaterThan(3);
    writeFileSync(join(thread.worktreePath, 'notes.txt'), 'one\nedited\n');

    const { trash } = await test.client.api.thread.delete({ threadId: thread.id, force: true });
    await expect(test.client.api.thread.items({ threadId: thread.id })).rejects.toThrow();
    const started = await test.client.api.trash.restore({ entryId: trash[0]!.id });

    const back = await test.client.api.thread.items({ threadId: started.id });
    expect(back.items.map(shown)).toEqual(old.items.map(shown));
    expect(back.items.every((item) => item.threadId === started.id)).toBe(true);
    expect(back.turns.map((turn) => [turn.seq, turn.status])).toEqual(
      old.turns.map((turn) => [turn.seq, turn.status]),
    );
    const turnIds = new Set(back.turns.map((turn) => turn.id));
    expect(back.items.every((item) => turnIds.has(item.turnId))).toBe(true);
  });
});
