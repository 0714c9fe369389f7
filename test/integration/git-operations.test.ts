import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  addWorktree,
  branchExists,
  checkoutDetached,
  countCommitsNotIn,
  createGitQueue,
  currentBranch,
  deleteBranch,
  gitPath,
  gitStderr,
  isAncestor,
  isMerged,
  listBranches,
  listRefs,
  listWorktrees,
  pointHeadAt,
  probeRepository,
  removeWorktree,
  resolveCommit,
  restoreSnapshot,
  snapshotWorktree,
  updateRef,
  worktreeStatus,
} from '../../src-main/core/git';
import { createBareRepo, createEmptyRepo, createRepo, TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
const git = createGitQueue({ concurrency: 4 });
afterEach(() => dirs.cleanup());
afterAll(() => git.dispose());

describe('worktrees', () => {
  it('adds, lists and removes worktrees, detached or on a new branch', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n' } });
    const place = dirs.make();
    const onBranch = join(place, 'on-branch');
    const detached = join(place, 'detached');
    await addWorktree(git, repo.path, { path: onBranch, commitish: 'main', newBranch: 'skein/one' });
    await addWorktree(git, repo.path, { path: detached, commitish: repo.head(), detach: true });
    expect(readFileSync(join(onBranch, 'a.txt'), 'utf8')).toBe('a\n');

    const listed = await listWorktrees(git, repo.path);
    expect(listed[0]?.path).toBe(repo.path);
    expect(listed.map((worktree) => worktree.path).sort()).toEqual([repo.path, onBranch, detached].sort());
    expect(listed.find((worktree) => worktree.path === onBranch)).toMatchObject({
      branch: 'refs/heads/skein/one',
      detached: false,
      head: repo.head(),
    });
    expect(listed.find((worktree) => worktree.path === detached)).toMatchObject({
      branch: null,
      detached: true,
      head: repo.head(),
    });

    writeFileSync(join(detached, 'untracked.txt'), 'x');
    await removeWorktree(git, repo.path, detached);
    expect(existsSync(detached)).toBe(false);
    expect((await listWorktrees(git, repo.path)).map((worktree) => worktree.path)).toEqual([
      repo.path,
      onBranch,
    ]);
  });

  it('removes only the registration of a worktree whose folder was deleted by hand', async () => {
    const repo = createRepo(dirs);
    const place = dirs.make();
    await addWorktree(git, repo.path, { path: join(place, 'a'), commitish: 'main', newBranch: 'a' });
    await addWorktree(git, repo.path, { path: join(place, 'b'), commitish: 'main', newBranch: 'b' });
    rmSync(join(place, 'a'), { recursive: true });
    rmSync(join(place, 'b'), { recursive: true });
    const before = await listWorktrees(git, repo.path);
    expect(before.filter((worktree) => worktree.prunable)).toHaveLength(2);
    await removeWorktree(git, repo.path, join(place, 'a'));
    const after = await listWorktrees(git, repo.path);
    // Unlike `git worktree prune`, the other missing worktree keeps its registration.
    expect(after.map((worktree) => worktree.path)).toEqual([repo.path, join(place, 'b')]);
  });

  it('adds many worktrees to one repository at once, each with its branch (git races on its admin folders)', async () => {
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}.txt`, `file ${i}\n`]));
    const repo = createRepo(dirs, { files });
    const place = dirs.make();
    const adds: Array<Promise<void>> = [];
    // As the pool refilling beside thread starts does, in rounds; unserialized, about 1 in 45 failed.
    for (let round = 0; round < 15; round += 1) {
      const batch = Array.from({ length: 9 }, (_, i) =>
        i < 6
          ? addWorktree(git, repo.path, {
              path: join(place, `b${round}-${i}`),
              commitish: 'main',
              newBranch: `skein/b${round}-${i}`,
            })
          : addWorktree(git, repo.path, {
              path: join(place, `d${round}-${i}`),
              commitish: 'main',
              detach: true,
            }),
      );
      adds.push(...batch);
      await Promise.allSettled(batch);
    }
    const outcomes = await Promise.allSettled(adds);
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [gitStderr(outcome.reason)] : [],
    );
    expect(failures).toEqual([]);
    expect(await listWorktrees(git, repo.path)).toHaveLength(1 + 15 * 9);
  }, 120_000);

  it('moves a clean detached worktree to another commit', async () => {
    const repo = createRepo(dirs);
    const first = repo.head();
    const second = repo.commit('second', { 'b.txt': 'b\n' });
    const path = join(dirs.make(), 'wt');
    await addWorktree(git, repo.path, { path, commitish: first, detach: true });
    expect(existsSync(join(path, 'b.txt'))).toBe(false);
    await checkoutDetached(git, path, second);
    expect(readFileSync(join(path, 'b.txt'), 'utf8')).toBe('b\n');
    expect(await resolveCommit(git, path, 'HEAD')).toBe(second);
  });
});

describe('status', () => {
  it('reports changed, staged and untracked files but not ignored ones', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n', '.gitignore': 'ignored.log\n' } });
    expect(await worktreeStatus(git, repo.path)).toEqual({
      changed: [],
      untracked: [],
      conflicted: [],
      dirty: false,
    });
    repo.write('ignored.log', 'noise');
    expect((await worktreeStatus(git, repo.path)).dirty).toBe(false);
    repo.write('a.txt', 'changed\n').write('new dir/new file.txt', 'n');
    repo.write('staged.txt', 's');
    repo.git('add', 'staged.txt');
    const status = await worktreeStatus(git, repo.path);
    expect(status.changed.sort()).toEqual(['a.txt', 'staged.txt']);
    expect(status.untracked).toEqual(['new dir/']);
    expect(status.dirty).toBe(true);
  });
});

describe('snapshot', () => {
  it('captures uncommitted and untracked (not ignored) work without touching index or HEAD', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n', 'gone.txt': 'g\n', '.gitignore': '*.log\n' } });
    const head = repo.head();
    repo.write('a.txt', 'edited\n').write('new.txt', 'new\n').write('debug.log', 'ignored\n');
    repo.git('rm', '--quiet', 'gone.txt');
    const indexFile = await gitPath(git, repo.path, 'index');
    const indexBefore = readFileSync(indexFile);
    const statusBefore = repo.git('status', '--porcelain');

    const snapshot = await snapshotWorktree(git, repo.path);
    expect(snapshot.changed).toBe(true);
    expect(snapshot.head).toBe(head);
    expect(repo.git('rev-parse', `${snapshot.commit}^`).trim()).toBe(head);
    expect(repo.git('show', `${snapshot.commit}:a.txt`)).toBe('edited\n');
    expect(repo.git('show', `${snapshot.commit}:new.txt`)).toBe('new\n');
    expect(repo.git('ls-tree', '--name-only', snapshot.commit).split('\n')).not.toContain('debug.log');
    expect(repo.git('ls-tree', '--name-only', snapshot.commit).split('\n')).not.toContain('gone.txt');

    expect(repo.head()).toBe(head);
    expect(readFileSync(indexFile).equals(indexBefore)).toBe(true);
    expect(repo.git('status', '--porcelain')).toBe(statusBefore);
  });

  it('sees an edit of the same size made in the same second the index was written', async () => {
    // Git trusts a file whose size and whole-second times match its index entry unless the entry is
    // as new as the index file itself ("racily clean"). The snapshot's copied index must keep that rule.
    const repo = createRepo(dirs, { files: { 'a.txt': 'value 1\n' } });
    await startOfSecond();
    repo.write('a.txt', 'value 2\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'value 3\n');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const snapshot = await snapshotWorktree(git, repo.path);
    expect(repo.git('show', `${snapshot.commit}:a.txt`)).toBe('value 3\n');
  });

  it('returns HEAD itself for a clean worktree', async () => {
    const repo = createRepo(dirs);
    const snapshot = await snapshotWorktree(git, repo.path);
    expect(snapshot).toMatchObject({ changed: false, commit: repo.head(), head: repo.head() });
  });

  it('puts a snapshot back as uncommitted changes', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n', 'gone.txt': 'g\n' } });
    repo.write('a.txt', 'edited\n').write('new.txt', 'new\n');
    repo.git('rm', '--quiet', 'gone.txt');
    const snapshot = await snapshotWorktree(git, repo.path);
    repo.git('reset', '--hard', '--quiet');
    repo.git('clean', '-fdq');
    expect(repo.git('status', '--porcelain')).toBe('');
    await restoreSnapshot(git, repo.path, snapshot.commit);
    expect(readFileSync(join(repo.path, 'a.txt'), 'utf8')).toBe('edited\n');
    expect(existsSync(join(repo.path, 'gone.txt'))).toBe(false);
    expect(repo.git('status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' D gone.txt',
      ' M a.txt',
      '?? new.txt',
    ]);
  });

  it('works in a repository whose index has not been written yet (falls back to read-tree)', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n' } });
    rmSync(await gitPath(git, repo.path, 'index'));
    repo.write('b.txt', 'b\n');
    const snapshot = await snapshotWorktree(git, repo.path);
    expect(repo.git('show', `${snapshot.commit}:a.txt`)).toBe('a\n');
    expect(repo.git('show', `${snapshot.commit}:b.txt`)).toBe('b\n');
  });
});

describe('refs and branches', () => {
  it('updates refs with compare-and-swap semantics', async () => {
    const repo = createRepo(dirs);
    const first = repo.head();
    const second = repo.commit('second');
    expect(await updateRef(git, repo.path, 'refs/skein/test/a', first, null)).toBe(true);
    expect(await updateRef(git, repo.path, 'refs/skein/test/a', second, null)).toBe(false);
    expect(await updateRef(git, repo.path, 'refs/skein/test/a', second, second)).toBe(false);
    expect(await updateRef(git, repo.path, 'refs/skein/test/a', second, first)).toBe(true);
    expect(await listRefs(git, repo.path, 'refs/skein/')).toEqual([
      { ref: 'refs/skein/test/a', commit: second },
    ]);
  });

  it('points a worktree HEAD at a new branch without checkout', async () => {
    const repo = createRepo(dirs);
    const path = join(dirs.make(), 'wt');
    await addWorktree(git, repo.path, { path, commitish: repo.head(), detach: true });
    expect(await currentBranch(git, path)).toBeNull();
    const mtime = statSync(join(path, 'README.md')).mtimeMs;
    await updateRef(git, repo.path, 'refs/heads/skein/claimed', repo.head(), null);
    await pointHeadAt(git, path, 'refs/heads/skein/claimed');
    expect(await currentBranch(git, path)).toBe('skein/claimed');
    expect(statSync(join(path, 'README.md')).mtimeMs).toBe(mtime);
    expect((await worktreeStatus(git, path)).dirty).toBe(false);
  });

  it('lists, checks and deletes branches; resolves commits', async () => {
    const repo = createRepo(dirs, { branches: ['feature', 'skein/a', 'skein/b/c'] });
    expect(await listBranches(git, repo.path)).toEqual(['feature', 'main', 'skein/a', 'skein/b/c']);
    expect(await listBranches(git, repo.path, 'skein/')).toEqual(['skein/a', 'skein/b/c']);
    expect(await branchExists(git, repo.path, 'feature')).toBe(true);
    await deleteBranch(git, repo.path, 'feature');
    expect(await branchExists(git, repo.path, 'feature')).toBe(false);
    expect(await resolveCommit(git, repo.path, 'main')).toBe(repo.head());
    expect(await resolveCommit(git, repo.path, 'no-such-branch')).toBeNull();
    expect(await resolveCommit(git, repo.path, '--output=x')).toBeNull();
  });
});

describe('merged or not', () => {
  it('tells ancestry, squash merges and unmerged work apart', async () => {
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n' } });
    repo.branch('untouched');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('feature work', { 'f.txt': 'feature\n' });
    repo.git('checkout', '--quiet', 'main');
    expect(await isAncestor(git, repo.path, 'untouched', 'main')).toBe(true);
    expect(await isMerged(git, repo.path, 'untouched', 'main')).toBe(true);
    expect(await isMerged(git, repo.path, 'feature', 'main')).toBe(false);
    expect(await countCommitsNotIn(git, repo.path, 'feature', 'main')).toBe(1);

    // A squash merge leaves the feature commit unreachable from main, but its content is in.
    repo.git('merge', '--quiet', '--squash', 'feature');
    repo.git('commit', '--quiet', '-m', 'squashed');
    repo.commit('later work on main', { 'later.txt': 'later\n' });
    expect(await isAncestor(git, repo.path, 'feature', 'main')).toBe(false);
    expect(await isMerged(git, repo.path, 'feature', 'main')).toBe(true);
  });
});

describe('probeRepository', () => {
  it('tells work trees, bare repositories, .git folders and plain folders apart', async () => {
    const repo = createRepo(dirs);
    mkdirSync(join(repo.path, 'sub', 'deeper'), { recursive: true });
    expect(await probeRepository(git, join(repo.path, 'sub', 'deeper'))).toEqual({
      kind: 'work_tree',
      topLevel: repo.path,
    });
    expect(await probeRepository(git, join(repo.path, '.git'))).toEqual({ kind: 'inside_git_dir' });
    expect(await probeRepository(git, createBareRepo(dirs))).toEqual({ kind: 'bare' });
    expect((await probeRepository(git, dirs.make())).kind).toBe('not_a_repo');
    expect((await probeRepository(git, createEmptyRepo(dirs).path)).kind).toBe('work_tree');
  });
});

/** Waits until a wall-clock second has just begun, so the next few quick steps share it. */
async function startOfSecond(): Promise<void> {
  const wait = 1_000 - (Date.now() % 1_000);
  await new Promise((resolve) => setTimeout(resolve, wait + 5));
}
