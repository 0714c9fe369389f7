import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src-shared/contract';
import { git, TempDirs, type TestRepo } from '../support/git-repo';
import {
  addMergeProject,
  commitFiles,
  mergeEnv,
  pathWithGitOnly,
  readyThread,
  startMergeHost,
  type MergeTestHost,
} from '../support/merge-fixtures';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let t: MergeTestHost;
let repo: TestRepo;
let project: Project;

beforeEach(async () => {
  t = await startMergeHost(dirs.make('skein-data-'), mergeEnv(pathWithGitOnly(dirs)));
  ({ repo, project } = await addMergeProject(t, dirs));
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

function statusOf(worktree: string): string[] {
  return git(worktree, ['status', '--porcelain']).split('\n').filter(Boolean).sort();
}

describe('trash/restore', () => {
  it('brings a deleted dirty thread back as a new thread: its commits, and its edits uncommitted', async () => {
    const old = await readyThread(t, project, 'Lost work');
    const committed = commitFiles(old.worktreePath, 'Committed part', { 'done.ts': 'done\n' });
    writeFileSync(join(old.worktreePath, 'app.ts'), 'export const a = 42;\n');
    writeFileSync(join(old.worktreePath, 'draft.md'), 'untracked draft\n');
    const { trash } = await t.client.api.thread.delete({ threadId: old.id, force: true });
    const entry = trash[0]!;
    expect(existsSync(old.worktreePath)).toBe(false);

    // A pooled worktree is waiting: the restore adopts it and is ready on return.
    await t.host.services.threads.idle();
    const started = await t.client.api.trash.restore({ entryId: entry.id });
    expect(started.status).toBe('ready');
    expect(started.title).toBe('Lost work (recovered)');
    expect(started.id).not.toBe(old.id);
    const restored = await t.waitForStatus(started.id, 'ready');
    expect(restored.base).toBe('main');
    expect(restored.branch).not.toBe(old.branch);
    expect(restored.baseCommit).toBe(committed);
    expect(git(restored.worktreePath, ['rev-parse', 'HEAD']).trim()).toBe(committed);
    expect(git(restored.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(restored.branch);
    expect(readFileSync(join(restored.worktreePath, 'done.ts'), 'utf8')).toBe('done\n');
    expect(readFileSync(join(restored.worktreePath, 'app.ts'), 'utf8')).toBe('export const a = 42;\n');
    expect(readFileSync(join(restored.worktreePath, 'draft.md'), 'utf8')).toBe('untracked draft\n');
    expect(statusOf(restored.worktreePath)).toEqual([' M app.ts', '?? draft.md']);

    // The entry stays recoverable.
    const { entries } = await t.client.api.trash.list({ projectId: project.id });
    expect(entries.map((listed) => listed.id)).toContain(entry.id);
    expect(repo.head(entry.ref)).toBe(entry.commit);
  });

  it('restores twice, with a title of the user, through a cold start as well', async () => {
    const old = await readyThread(t, project, 'Twice lost');
    writeFileSync(join(old.worktreePath, 'app.ts'), 'edited\n');
    const { trash } = await t.client.api.thread.delete({ threadId: old.id, force: true });
    const entry = trash[0]!;
    // No pooled worktrees: the restore takes the background path that makes one.
    await t.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    await t.host.services.threads.idle();
    const first = await t.client.api.trash.restore({ entryId: entry.id, title: 'Second try' });
    const second = await t.client.api.trash.restore({ entryId: entry.id });
    expect(first.title).toBe('Second try');
    expect([first.status, second.status]).toEqual(['creating', 'creating']);
    for (const thread of [first, second]) {
      const ready = await t.waitForStatus(thread.id, 'ready');
      expect(readFileSync(join(ready.worktreePath, 'app.ts'), 'utf8')).toBe('edited\n');
      expect(statusOf(ready.worktreePath)).toEqual([' M app.ts']);
    }
  });

  it('restores an entry that kept only commits: the branch starts on them, nothing uncommitted', async () => {
    const old = await readyThread(t, project, 'Only commits');
    const head = commitFiles(old.worktreePath, 'Unmerged', { 'kept.ts': 'kept\n' });
    const { trash } = await t.client.api.thread.delete({ threadId: old.id, force: true });
    expect(trash[0]?.commit).toBe(head);
    const restored = await t.waitForStatus(
      (await t.client.api.trash.restore({ entryId: trash[0]!.id })).id,
      'ready',
    );
    expect(git(restored.worktreePath, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(statusOf(restored.worktreePath)).toEqual([]);
  });

  it('refuses an unknown entry', async () => {
    const error = await rpcFailure(t.client.api.trash.restore({ entryId: 'no-such-entry' }));
    expect(error.kind).toBe('NOT_FOUND');
  });
});

describe('delete after a merge that is not an ancestor of the base', () => {
  it('is allowed without force once the thread was squashed in, and refused before', async () => {
    const thread = await readyThread(t, project, 'Squash then delete');
    commitFiles(thread.worktreePath, 'Work', { 'work.ts': 'work\n' });
    expect((await rpcFailure(t.client.api.thread.delete({ threadId: thread.id }))).kind).toBe(
      'UNMERGED_COMMITS',
    );
    await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' });
    expect(await t.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
    expect(repo.branches()).not.toContain(thread.branch);
  });
});
