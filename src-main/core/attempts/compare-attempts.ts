import type { AttemptComparison, Thread } from '../../../src-shared/contract';
import { snapshotWorktree, updateRef, type GitQueue } from '../git';
import { parseRawNumstat } from '../review';

/** Where a comparison's snapshots are kept reachable (so `git gc` cannot drop them while the UI reads them). */
export function comparisonRefName(groupId: string, threadId: string): string {
  return `refs/skein/attempts/${groupId}/${threadId}`;
}

/** Plain diff output whatever the user's config says (as the review reads it). */
const PLAIN_DIFF = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-relative'];

/**
 * Two attempts' worktrees as they are now, uncommitted work included: a snapshot commit of each, held
 * under the group's refs, and the files where `to` differs from `from`. The snapshots live in the
 * project's object store, so `review/fileDiff` reads both sides through either thread.
 */
export async function compareAttempts(
  git: GitQueue,
  repository: string,
  groupId: string,
  from: Thread,
  to: Thread,
): Promise<AttemptComparison> {
  const [fromSnapshot, toSnapshot] = await Promise.all([
    snapshotWorktree(git, from.worktreePath, { message: 'Skein attempt comparison snapshot' }),
    snapshotWorktree(git, to.worktreePath, { message: 'Skein attempt comparison snapshot' }),
  ]);
  await Promise.all([
    updateRef(git, repository, comparisonRefName(groupId, from.id), fromSnapshot.commit, undefined, {
      message: 'skein: attempt comparison',
    }),
    updateRef(git, repository, comparisonRefName(groupId, to.id), toSnapshot.commit, undefined, {
      message: 'skein: attempt comparison',
    }),
  ]);
  const { stdout } = await git.run(
    [
      'diff',
      ...PLAIN_DIFF,
      '--raw',
      '--numstat',
      '-z',
      '-M',
      '--no-abbrev',
      fromSnapshot.commit,
      toSnapshot.commit,
    ],
    { cwd: repository },
  );
  const files = parseRawNumstat(stdout)
    .map((change) => ({
      path: change.path,
      oldPath: change.oldPath,
      additions: change.additions ?? 0,
      deletions: change.deletions ?? 0,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    fromThreadId: from.id,
    toThreadId: to.id,
    from: fromSnapshot.commit,
    to: toSnapshot.commit,
    files,
  };
}
