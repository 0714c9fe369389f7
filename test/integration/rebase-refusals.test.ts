import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, TempDirs } from '../support/git-repo';
import {
  addMergeProject,
  mergeEnv,
  pathWithGitOnly,
  readyThread,
  repositoryFingerprint,
  startMergeHost,
} from '../support/merge-fixtures';
import {
  commitIn,
  headOf,
  startRebaseFixture,
  statusOf,
  threeLines,
  type RebaseFixture,
} from '../support/rebase-fixtures';
import { writeIn } from '../support/review-thread';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let f: RebaseFixture | null = null;

afterEach(async () => {
  await f?.t.close();
  f = null;
  dirs.cleanup();
});

/** A thread whose one commit conflicts with a commit that landed on the base. */
async function conflictingThread(files: Record<string, string> = {}): Promise<RebaseFixture> {
  f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two'), ...files });
  commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
  f.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });
  return f;
}

describe('rebase refusals', () => {
  it('refuses a second start, continue while conflicted, and paths that are not in conflict', async () => {
    const { t, thread } = await conflictingThread();
    const rebase = t.client.api.rebase;
    await rebase.start({ threadId: thread.id });

    const again = await rpcFailure(rebase.start({ threadId: thread.id }));
    expect(again.kind).toBe('INVALID_STATE');
    expect(again.message).toMatch(/already under way/);
    const notConflicted = await rpcFailure(rebase.resolve({ threadId: thread.id, path: 'README.md' }));
    expect(notConflicted.kind).toBe('INVALID_STATE');
    expect(notConflicted.message).toMatch(/README\.md is not in conflict.*app\.ts/);
    const notThere = await rpcFailure(rebase.file({ threadId: thread.id, path: 'nope.ts' }));
    expect(notThere.message).toMatch(/nope\.ts is not in conflict/);
    const both = await rpcFailure(
      rebase.resolve({ threadId: thread.id, path: 'app.ts', delete: true, take: 'base' }),
    );
    expect(both.kind).toBe('INVALID_PARAMS');
    // Nothing of the above changed the stop.
    expect((await rebase.status({ threadId: thread.id })).conflicts).toEqual([
      { path: 'app.ts', status: 'UU', binary: false },
    ]);
    // Markers that belong in the file (a document about git, say) are accepted when asked.
    const documented = '<<<<<<< ours\nmine\n=======\nyours\n>>>>>>> theirs\n';
    const accepted = await rebase.resolve({
      threadId: thread.id,
      path: 'app.ts',
      content: documented,
      allowMarkers: true,
    });
    expect(accepted.conflicts).toEqual([]);
  });

  it('refuses paths outside the worktree, links included, and writes nothing there', async () => {
    f = await startRebaseFixture(dirs, { 'dir/app.ts': threeLines('two') });
    commitIn(f.worktree, 'Thread edit', { 'dir/app.ts': threeLines('THREAD') });
    f.repo.commit('Base edit', { 'dir/app.ts': threeLines('BASE') });
    const rebase = f.t.client.api.rebase;
    await rebase.start({ threadId: f.thread.id });

    const escaping = await rpcFailure(
      rebase.resolve({ threadId: f.thread.id, path: '../outside.ts', content: 'x' }),
    );
    expect(escaping.kind).toBe('INVALID_PARAMS');
    const metadata = await rpcFailure(rebase.resolve({ threadId: f.thread.id, path: '.git', content: 'x' }));
    expect(metadata.kind).toBe('PATH_OUTSIDE_WORKTREE');

    // The conflicted file's folder swapped for a link to a folder outside the worktree.
    const outside = dirs.make('skein-outside-');
    writeFileSync(join(outside, 'app.ts'), 'outside\n');
    renameSync(join(f.worktree, 'dir'), join(f.worktree, 'dir-moved'));
    symlinkSync(outside, join(f.worktree, 'dir'));
    const linked = await rpcFailure(
      rebase.resolve({ threadId: f.thread.id, path: 'dir/app.ts', content: 'pwned\n' }),
    );
    expect(linked.kind).toBe('PATH_OUTSIDE_WORKTREE');
    const read = await rpcFailure(rebase.file({ threadId: f.thread.id, path: 'dir/app.ts' }));
    expect(read.kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect(readFileSync(join(outside, 'app.ts'), 'utf8')).toBe('outside\n');
  });

  it('refuses untracked files the rebase would overwrite, having changed nothing', async () => {
    f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two') });
    commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
    f.repo.commit('Base adds a file', { 'generated/new.ts': 'from base\n' });
    mkdirSync(join(f.worktree, 'generated'));
    writeIn(f.worktree, 'generated/new.ts', 'mine, untracked\n');
    const head = headOf(f.worktree);

    const error = await rpcFailure(f.t.client.api.rebase.start({ threadId: f.thread.id }));
    expect(error.kind).toBe('WORKTREE_DIRTY');
    expect(error.message).toMatch(/would overwrite .* generated\/new\.ts\. Move, commit or delete/);
    expect(headOf(f.worktree)).toBe(head);
    expect(statusOf(f.worktree)).toBe('?? generated/new.ts\n');
    expect((await f.t.client.api.trash.list({ projectId: f.project.id })).entries).toEqual([]);

    // Also a file one of the replayed commits writes (added, then deleted again on the branch).
    rmSync(join(f.worktree, 'generated'), { recursive: true });
    commitIn(f.worktree, 'Add a scratch file', { 'scratch.ts': 'committed once\n' });
    git(f.worktree, ['rm', '--quiet', 'scratch.ts']);
    git(f.worktree, ['commit', '--quiet', '-m', 'Drop the scratch file']);
    writeIn(f.worktree, 'scratch.ts', 'mine again, untracked\n');
    const replayed = await rpcFailure(f.t.client.api.rebase.start({ threadId: f.thread.id }));
    expect(replayed.kind).toBe('WORKTREE_DIRTY');
    expect(replayed.message).toMatch(/does not track: scratch\.ts\./);
  });

  it('refuses a detached HEAD, an archived thread, and continue or abort with no rebase', async () => {
    const { t, thread, worktree } = await conflictingThread();
    const rebase = t.client.api.rebase;
    expect((await rpcFailure(rebase.continue({ threadId: thread.id }))).message).toMatch(
      /No rebase is under way/,
    );
    expect((await rpcFailure(rebase.abort({ threadId: thread.id }))).message).toMatch(
      /No rebase is under way/,
    );
    expect((await rpcFailure(rebase.askAgent({ threadId: thread.id }))).message).toMatch(/no conflicts/);

    // Another operation under way in the worktree: a cherry-pick of the base that stopped on a conflict.
    expect(() => git(worktree, ['cherry-pick', 'main'])).toThrow();
    const picking = await rpcFailure(rebase.start({ threadId: thread.id }));
    expect(picking.kind).toBe('INVALID_STATE');
    expect(picking.message).toMatch(
      /in the middle of a cherry-pick\. Finish it, or run git cherry-pick --abort/,
    );
    git(worktree, ['cherry-pick', '--abort']);

    git(worktree, ['checkout', '--quiet', '--detach']);
    const detached = await rpcFailure(rebase.start({ threadId: thread.id }));
    expect(detached.kind).toBe('INVALID_STATE');
    expect(detached.message).toMatch(/HEAD is detached.*git switch/);
    git(worktree, ['checkout', '--quiet', thread.branch]);

    await t.client.api.thread.archive({ threadId: thread.id });
    const archived = await rpcFailure(rebase.start({ threadId: thread.id }));
    expect(archived.kind).toBe('INVALID_STATE');
    expect(archived.message).toMatch(/is archived/);
  });

  it('reports a rebase started by hand, and a merge of the thread is refused until it ends', async () => {
    const { t, thread, worktree, repo } = await conflictingThread();
    const before = headOf(worktree);
    const failed = (() => {
      try {
        git(worktree, ['rebase', 'main']);
        return false;
      } catch {
        return true;
      }
    })();
    expect(failed).toBe(true);

    const state = await t.client.api.rebase.status({ threadId: thread.id });
    expect(state).toMatchObject({
      inProgress: true,
      onto: headOf(repo.path, 'main'),
      origHead: before,
      stoppedAt: { commit: before, subject: 'Thread edit' },
      conflicts: [{ path: 'app.ts', status: 'UU' }],
      stashed: false,
      trashRef: null,
    });
    const merge = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' }));
    expect(merge.kind).toBe('INVALID_STATE');
    expect(merge.message).toMatch(/in the middle of a rebase onto main/);

    const aborted = await t.client.api.rebase.abort({ threadId: thread.id });
    expect(aborted.inProgress).toBe(false);
    expect(headOf(worktree)).toBe(before);
  });
});

describe('the identity of rebased commits', () => {
  it('without a configured identity the rebase is refused with a sentence on how to set one', async () => {
    const t = await startMergeHost(dirs.make('skein-data-'), mergeEnv(pathWithGitOnly(dirs)));
    try {
      const { repo, project } = await addMergeProject(t, dirs, { identity: false });
      const thread = await readyThread(t, project, 'Who am I');
      commitIn(thread.worktreePath, 'Work', { 'work.ts': 'work\n' });
      repo.commit('Base moved', { 'base.md': 'base\n' });
      const before = repositoryFingerprint(repo);
      const worktreeHead = headOf(thread.worktreePath);
      const error = await rpcFailure(t.client.api.rebase.start({ threadId: thread.id }));
      expect(error.kind).toBe('INVALID_STATE');
      expect(error.message).toMatch(/git config --global user\.name/);
      expect(repositoryFingerprint(repo)).toEqual(before);
      expect(headOf(thread.worktreePath)).toBe(worktreeHead);
    } finally {
      await t.close();
    }
  });
});
