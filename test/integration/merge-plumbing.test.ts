import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changedPaths,
  commitTree,
  createGitQueue,
  isMerged,
  mergeTree,
  updateRefsTogether,
  type GitQueue,
} from '../../src-main/core/git';
import { findCollisions } from '../../src-main/core/merge';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';

const dirs = new TempDirs();
let git: GitQueue;
let repo: TestRepo;

beforeEach(() => {
  git = createGitQueue({ concurrency: 2 });
  repo = createRepo(dirs, { files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
});
afterEach(() => {
  git.dispose();
  dirs.cleanup();
});

describe('updateRefsTogether', () => {
  it('moves every ref, or none when one of them is not where the caller read it', async () => {
    const base = repo.head();
    const next = repo.commit('next', { 'c.txt': 'c\n' });
    repo.branch('one', base).branch('two', base);
    const stale = await updateRefsTogether(
      git,
      repo.path,
      [
        { ref: 'refs/heads/one', from: base, to: next },
        { ref: 'refs/heads/two', from: next, to: base },
      ],
      { message: 'test' },
    );
    expect(stale).toBe(false);
    expect([repo.head('one'), repo.head('two')]).toEqual([base, base]);
    const moved = await updateRefsTogether(
      git,
      repo.path,
      [
        { ref: 'refs/heads/one', from: base, to: next },
        { ref: 'refs/heads/two', from: base, to: next },
      ],
      { message: 'test' },
    );
    expect(moved).toBe(true);
    expect([repo.head('one'), repo.head('two')]).toEqual([next, next]);
  });
});

describe('isMerged: content proven in the base', () => {
  it('counts a squash of the branch as merged, and an unmerged or unrelated branch as not', async () => {
    const start = repo.head();
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('f1', { 'a.txt': 'a2\n' });
    repo.commit('f2', { 'd.txt': 'd\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main moves', { 'b.txt': 'b2\n' });
    expect(await isMerged(git, repo.path, 'feature', 'main')).toBe(false);

    const merged = await mergeTree(git, repo.path, 'main', 'feature');
    expect(merged.conflicts).toEqual([]);
    const squash = await commitTree(git, repo.path, {
      tree: merged.tree,
      parents: [repo.head('main')],
      message: 'squash\n',
      env: {
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@x',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@x',
      },
    });
    repo.git('update-ref', 'refs/heads/main', squash);
    repo.git('reset', '--quiet', '--hard');
    expect(await isMerged(git, repo.path, 'feature', 'main')).toBe(true);
    expect(await isMerged(git, repo.path, start, 'main')).toBe(true);

    repo.git('checkout', '--quiet', '--orphan', 'unrelated');
    repo.commit('alone', { 'z.txt': 'z\n' });
    expect(await isMerged(git, repo.path, 'unrelated', 'main')).toBe(false);
  });
});

describe('findCollisions', () => {
  it('finds files and folders where a move adds paths, and files where it needs a folder', async () => {
    const from = repo.head();
    repo.git('checkout', '--quiet', '-b', 'adds');
    const to = repo.commit('adds', { 'new.txt': 'n\n', 'dir/inner.txt': 'i\n', 'ok/fine.txt': 'f\n' });
    repo.git('checkout', '--quiet', 'main');
    writeFileSync(join(repo.path, 'new.txt'), 'mine\n');
    writeFileSync(join(repo.path, 'dir'), 'a file where a folder comes\n');
    mkdirSync(join(repo.path, 'ok'));
    writeFileSync(join(repo.path, 'ok', 'other.txt'), 'unrelated\n');
    const changes = await changedPaths(git, repo.path, from, to);
    expect((await findCollisions(repo.path, changes)).sort()).toEqual(['dir', 'new.txt']);
  });
});
