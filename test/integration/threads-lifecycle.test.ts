import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project, Thread } from '../../src-shared/contract';
import { createRepo, git, TempDirs, type TestRepo } from '../support/git-repo';
import { rpcFailure, startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost;
let repo: TestRepo;
let project: Project;

beforeEach(async () => {
  t = await startThreadsHost(dirs.make('skein-data-'));
  repo = createRepo(dirs, { files: { 'README.md': 'readme\n', 'app.ts': 'export const a = 1;\n' } });
  const added = await t.client.api.project.add({ path: repo.path });
  project = await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 1 } });
  await t.host.services.threads.idle();
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

async function readyThread(title: string): Promise<Thread> {
  const thread = await t.client.api.thread.start({ projectId: project.id, title });
  return t.waitForStatus(thread.id, 'ready');
}

function commitIn(worktree: string, file: string, content: string): string {
  writeFileSync(join(worktree, file), content);
  git(worktree, ['add', file]);
  git(worktree, ['commit', '--quiet', '-m', `change ${file}`]);
  return git(worktree, ['rev-parse', 'HEAD']).trim();
}

describe('archive and unarchive', () => {
  it('stops terminals, removes the worktree, keeps the branch, and brings it back', async () => {
    const thread = await readyThread('Archive me');
    const commit = commitIn(thread.worktreePath, 'feature.ts', 'feature\n');
    const terminal = await t.client.api.terminal.open({ threadId: thread.id });
    expect(terminal.status).toBe('running');
    const exited = t.host.services.terminals.waitForExit(terminal.id);

    const archived = await t.client.api.thread.archive({ threadId: thread.id });
    expect(archived.status).toBe('archived');
    expect(archived.archivedAt).toEqual(expect.any(Number));
    await exited;
    expect(t.host.services.terminals.get(terminal.id).status).toBe('exited');
    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(repo.worktrees()).not.toContain(thread.worktreePath);
    expect(repo.head(thread.branch)).toBe(commit);
    expect(
      (await t.client.api.thread.list({ projectId: project.id })).threads.map((listed) => listed.id),
    ).not.toContain(thread.id);
    expect(
      (await t.client.api.thread.list({ projectId: project.id, includeArchived: true })).threads.map(
        (listed) => listed.id,
      ),
    ).toContain(thread.id);
    expect(t.host.services.threads.countLive(project.id)).toBe(0);

    const unarchived = await t.client.api.thread.unarchive({ threadId: thread.id });
    expect(unarchived).toMatchObject({
      status: 'ready',
      archivedAt: null,
      branch: thread.branch,
      worktreePath: thread.worktreePath,
    });
    expect(readFileSync(join(thread.worktreePath, 'feature.ts'), 'utf8')).toBe('feature\n');
    expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(thread.branch);
  });

  it('keeps uncommitted work through archive (in the trash) and puts it back on unarchive', async () => {
    const thread = await readyThread('Dirty archive');
    writeFileSync(join(thread.worktreePath, 'app.ts'), 'export const a = 2;\n');
    writeFileSync(join(thread.worktreePath, 'notes.md'), 'draft\n');
    const archived = await t.client.api.thread.archive({ threadId: thread.id });
    expect(archived.statusDetail).toMatch(/saved to refs\/skein\/trash\//);
    const [entry] = (await t.client.api.trash.list({ projectId: project.id })).entries;
    expect(entry).toMatchObject({ threadId: thread.id, branch: thread.branch, threadTitle: 'Dirty archive' });
    expect(repo.git('show', `${entry?.ref}:notes.md`)).toBe('draft\n');

    await t.client.api.thread.unarchive({ threadId: thread.id });
    expect(readFileSync(join(thread.worktreePath, 'app.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(readFileSync(join(thread.worktreePath, 'notes.md'), 'utf8')).toBe('draft\n');
    expect(git(thread.worktreePath, ['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual([
      ' M app.ts',
      '?? notes.md',
    ]);
  });

  it('refuses to unarchive when the branch is gone', async () => {
    const thread = await readyThread('Lost branch');
    await t.client.api.thread.archive({ threadId: thread.id });
    repo.git('branch', '-D', thread.branch);
    const error = await rpcFailure(t.client.api.thread.unarchive({ threadId: thread.id }));
    expect(error.kind).toBe('BRANCH_NOT_FOUND');
  });
});

describe('delete', () => {
  it('deletes a clean, merged thread: worktree and branch gone, row kept as deleted', async () => {
    const thread = await readyThread('Quick fix');
    const removed: string[] = [];
    t.client.on('thread/removed', ({ threadId }) => removed.push(threadId));
    expect(await t.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(repo.branches()).not.toContain(thread.branch);
    expect((await rpcFailure(t.client.api.thread.get({ threadId: thread.id }))).kind).toBe('NOT_FOUND');
    const row = t.host.services.db.prepare('SELECT deleted_at FROM threads WHERE id = ?').get(thread.id) as {
      deleted_at: number | null;
    };
    expect(row.deleted_at).toEqual(expect.any(Number));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(removed).toEqual([thread.id]);
  });

  it('refuses a dirty worktree, naming the files', async () => {
    const thread = await readyThread('Dirty');
    writeFileSync(join(thread.worktreePath, 'untracked.txt'), 'new\n');
    const error = await rpcFailure(t.client.api.thread.delete({ threadId: thread.id }));
    expect(error.kind).toBe('WORKTREE_DIRTY');
    expect(error.message).toMatch(/untracked\.txt/);
    expect(existsSync(join(thread.worktreePath, 'untracked.txt'))).toBe(true);
    expect(repo.branches()).toContain(thread.branch);
  });

  it('refuses unmerged commits, and allows them once merged into the base', async () => {
    const thread = await readyThread('Unmerged');
    const commit = commitIn(thread.worktreePath, 'feature.ts', 'feature\n');
    const error = await rpcFailure(t.client.api.thread.delete({ threadId: thread.id }));
    expect(error.kind).toBe('UNMERGED_COMMITS');
    expect(error.details).toMatchObject({ commits: 1, branch: thread.branch });
    expect(repo.head(thread.branch)).toBe(commit);

    repo.git('merge', '--quiet', '--ff-only', thread.branch);
    expect(await t.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
    expect(repo.branches()).not.toContain(thread.branch);
  });

  it('when forced, keeps uncommitted and unmerged work in a recoverable trash ref', async () => {
    const thread = await readyThread('Force me');
    const commit = commitIn(thread.worktreePath, 'committed.ts', 'committed\n');
    writeFileSync(join(thread.worktreePath, 'app.ts'), 'export const a = 42;\n');
    writeFileSync(join(thread.worktreePath, 'untracked.md'), 'untracked work\n');

    const { trash } = await t.client.api.thread.delete({ threadId: thread.id, force: true });
    expect(trash).toHaveLength(1);
    const entry = trash[0]!;
    expect(entry.ref).toMatch(new RegExp(`^refs/skein/trash/${thread.id}/\\d+$`));
    expect(entry).toMatchObject({
      threadId: thread.id,
      threadTitle: 'Force me',
      branch: thread.branch,
      projectId: project.id,
    });
    expect(entry.reason).toMatch(/uncommitted changes and unmerged commits/);
    expect((await t.client.api.trash.list({ projectId: project.id })).entries).toEqual(trash);

    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(repo.branches()).not.toContain(thread.branch);
    expect(repo.head(entry.ref)).toBe(entry.commit);
    // One ref keeps both: the snapshot's parent is the branch head with its commit.
    expect(repo.head(`${entry.ref}^`)).toBe(commit);
    expect(repo.git('show', `${entry.ref}:untracked.md`)).toBe('untracked work\n');
    expect(repo.git('show', `${entry.ref}:app.ts`)).toBe('export const a = 42;\n');
    expect(repo.git('show', `${entry.ref}:committed.ts`)).toBe('committed\n');

    const recovered = join(dirs.make(), 'recovered');
    repo.git('worktree', 'add', '--quiet', '--detach', recovered, entry.ref);
    expect(readFileSync(join(recovered, 'untracked.md'), 'utf8')).toBe('untracked work\n');
    repo.git('worktree', 'remove', '--force', recovered);
  });

  it('when forced on a clean branch with unmerged commits, keeps the branch head', async () => {
    const thread = await readyThread('Commits only');
    const commit = commitIn(thread.worktreePath, 'only.ts', 'x\n');
    const { trash } = await t.client.api.thread.delete({ threadId: thread.id, force: true });
    expect(trash).toHaveLength(1);
    expect(trash[0]).toMatchObject({ commit, reason: 'delete: unmerged commits' });
  });
});
