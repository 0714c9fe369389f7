import { existsSync, readFileSync } from 'node:fs';
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
  USER_EMAIL,
  USER_NAME,
  type MergeTestHost,
} from '../support/merge-fixtures';

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

function field(rev: string, format: string): string {
  return repo.git('log', '-1', `--format=${format}`, rev).trim();
}

function userCheckoutStatus(): string {
  return repo.git('status', '--porcelain');
}

/** A thread with two commits, and a base that moved on (another file) since the thread started. */
async function divergedThread(title: string) {
  const thread = await readyThread(t, project, title);
  const first = commitFiles(thread.worktreePath, 'Add feature', { 'feature.ts': 'export const f = 1;\n' });
  const second = commitFiles(thread.worktreePath, 'Tune app', { 'app.ts': 'export const a = 2;\n' });
  const baseMoved = repo.commit('Docs on main', { 'docs.md': 'docs\n' });
  return { thread, first, second, baseMoved };
}

describe('thread/mergePreview', () => {
  it('reports commits, fast-forward, conflicts, uncommitted work and the checkout', async () => {
    const { thread, baseMoved } = await divergedThread('Preview me');
    const preview = await t.client.api.thread.mergePreview({ threadId: thread.id });
    expect(preview).toEqual({
      threadId: thread.id,
      base: 'main',
      baseCommit: baseMoved,
      head: git(thread.worktreePath, ['rev-parse', 'HEAD']).trim(),
      commits: 2,
      fastForward: false,
      conflicts: [],
      uncommitted: false,
      alreadyMerged: false,
      checkout: { path: repo.path, clean: true },
    });
    repo.write('app.ts', 'user edit\n');
    const dirty = await t.client.api.thread.mergePreview({ threadId: thread.id });
    expect(dirty.checkout).toEqual({ path: repo.path, clean: false });
  });
});

describe('thread/merge into a base checked out in the user clean checkout', () => {
  it('merge: always a merge commit with two parents, the user identity, and the checkout follows', async () => {
    const { thread, second, baseMoved } = await divergedThread('Merge me');
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' });
    expect(result).toMatchObject({
      threadId: thread.id,
      strategy: 'merge',
      base: 'main',
      baseBefore: baseMoved,
      checkoutUpdated: repo.path,
    });
    expect(repo.head('main')).toBe(result.baseAfter);
    expect(field('main', '%P')).toBe(`${baseMoved} ${second}`);
    expect(field('main', '%an <%ae>|%cn <%ce>')).toBe(
      `${USER_NAME} <${USER_EMAIL}>|${USER_NAME} <${USER_EMAIL}>`,
    );
    expect(field('main', '%B')).toContain(`Merge branch '${thread.branch}' into main`);
    expect(readFileSync(join(repo.path, 'feature.ts'), 'utf8')).toBe('export const f = 1;\n');
    expect(readFileSync(join(repo.path, 'app.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(userCheckoutStatus()).toBe('');
    expect(repo.git('symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
  });

  it('merge: a branch that could fast-forward still gets a merge commit', async () => {
    const thread = await readyThread(t, project, 'No fast-forward');
    const head = commitFiles(thread.worktreePath, 'Only change', { 'only.ts': 'x\n' });
    const before = repo.head('main');
    expect((await t.client.api.thread.mergePreview({ threadId: thread.id })).fastForward).toBe(true);
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' });
    expect(result.baseAfter).not.toBe(head);
    expect(field('main', '%P')).toBe(`${before} ${head}`);
  });

  it('squash: one commit on the base with the thread title and its commits listed', async () => {
    const { thread, baseMoved } = await divergedThread('Squash me');
    const seen = t.received.length;
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' });
    expect(field('main', '%P')).toBe(baseMoved);
    expect(field('main', '%B')).toBe('Squash me\n\n* Add feature\n* Tune app');
    expect(field('main', '%an')).toBe(USER_NAME);
    expect(repo.git('diff', '--name-only', baseMoved, 'main').split('\n').filter(Boolean).sort()).toEqual([
      'app.ts',
      'feature.ts',
    ]);
    expect(result.checkoutUpdated).toBe(repo.path);
    expect(userCheckoutStatus()).toBe('');
    // Every thread of the project hears that its base moved.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.received.slice(seen)).toContainEqual({
      name: 'review/changed',
      params: { threadId: thread.id },
    });

    // Not an ancestor, yet proven in the base: delete needs no force and drops the branch.
    expect(await t.client.api.thread.mergePreview({ threadId: thread.id })).toMatchObject({
      alreadyMerged: true,
    });
    expect(await t.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
    expect(repo.branches()).not.toContain(thread.branch);
  });

  it('squash with a message of the user', async () => {
    const { thread } = await divergedThread('Custom message');
    await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash', message: 'feat: my words' });
    expect(field('main', '%B')).toBe('feat: my words');
  });

  it('rebase: replays each commit keeping author and message, fast-forwards the base and moves the branch', async () => {
    const { thread, first, second, baseMoved } = await divergedThread('Rebase me');
    const authorDate = field(first, '%ad');
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'rebase' });
    expect(result.baseBefore).toBe(baseMoved);
    const log = repo.git('log', '--format=%s|%an|%cn|%P', `${baseMoved}..main`).trim().split('\n');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^Tune app\|Skein Test\|Merge Tester\|/);
    expect(log[1]).toBe(`Add feature|Skein Test|Merge Tester|${baseMoved}`);
    expect(field('main~1', '%ad')).toBe(authorDate);
    expect(repo.head('main')).not.toBe(second);
    // The thread's branch and worktree sit on the rebased tip, still clean.
    expect(repo.head(thread.branch)).toBe(repo.head('main'));
    expect(git(thread.worktreePath, ['rev-parse', 'HEAD']).trim()).toBe(repo.head('main'));
    expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(join(thread.worktreePath, 'docs.md'), 'utf8')).toBe('docs\n');
    expect(readFileSync(join(repo.path, 'feature.ts'), 'utf8')).toBe('export const f = 1;\n');
    expect(userCheckoutStatus()).toBe('');
    expect(await t.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
  });

  it('rebase of a branch already on the base is a fast-forward to the branch itself', async () => {
    const thread = await readyThread(t, project, 'Already on top');
    const head = commitFiles(thread.worktreePath, 'On top', { 'top.ts': 'top\n' });
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'rebase' });
    expect(result.baseAfter).toBe(head);
    expect(repo.head('main')).toBe(head);
    expect(repo.head(thread.branch)).toBe(head);
    expect(readFileSync(join(repo.path, 'top.ts'), 'utf8')).toBe('top\n');
  });
});

describe('thread/merge into a base that is not checked out', () => {
  it.each(['merge', 'squash', 'rebase'] as const)('%s moves only the ref', async (strategy) => {
    const { thread } = await divergedThread(`Elsewhere ${strategy}`);
    repo.git('checkout', '--quiet', '-b', 'user-work');
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy });
    expect(result.checkoutUpdated).toBeNull();
    expect(repo.head('main')).toBe(result.baseAfter);
    expect(repo.git('show', 'main:feature.ts')).toBe('export const f = 1;\n');
    // The user's own checkout (another branch) is untouched.
    expect(existsSync(join(repo.path, 'feature.ts'))).toBe(false);
    expect(userCheckoutStatus()).toBe('');
  });
});
