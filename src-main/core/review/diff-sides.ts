import { SkeinError, type Thread } from '../../../src-shared/contract';
import { resolveCommit, snapshotWorktree, updateRef, type GitQueue, type WorktreeSnapshot } from '../git';

/** Keeps the snapshot under review reachable, so `git gc` cannot drop it while a client reads it. */
export function reviewRefName(threadId: string): string {
  return `refs/skein/review/${threadId}`;
}

export interface BaseSides {
  /** The merge-base of the thread's HEAD and its base. */
  from: string;
  /** The worktree, uncommitted and untracked work included. */
  snapshot: WorktreeSnapshot;
  /** The base branch and its tip; null when the base is no longer a branch (the recorded start commit is used). */
  base: { branch: string; commit: string } | null;
}

/** The tip of the thread's base branch, or null when that branch is gone (or the base was a commit). */
export function resolveBaseTip(git: GitQueue, worktree: string, thread: Thread): Promise<string | null> {
  return resolveCommit(git, worktree, `refs/heads/${thread.base}`);
}

/** The merge-base of HEAD and the base; the thread's start commit when they share no history. */
export async function mergeBaseWith(
  git: GitQueue,
  worktree: string,
  head: string,
  baseCommit: string,
  fallback: string,
): Promise<string> {
  const { stdout, exitCode } = await git.run(['merge-base', head, baseCommit], {
    cwd: worktree,
    allowedExitCodes: [1],
  });
  return exitCode === 0 ? stdout.trim() : fallback;
}

/**
 * Both sides of the `base` range: a snapshot of the worktree (which touches neither its index nor
 * its files) and the merge-base with the base branch, resolved side by side.
 */
export async function resolveBaseSides(git: GitQueue, thread: Thread, worktree: string): Promise<BaseSides> {
  const [snapshot, baseTip] = await Promise.all([
    snapshotWorktree(git, worktree, { message: 'Skein review snapshot' }),
    resolveBaseTip(git, worktree, thread),
  ]);
  const baseCommit = baseTip ?? thread.baseCommit;
  const from = await mergeBaseWith(git, worktree, snapshot.head, baseCommit, thread.baseCommit);
  return { from, snapshot, base: baseTip ? { branch: thread.base, commit: baseTip } : null };
}

/** Points the thread's review ref at the snapshot being reviewed. */
export async function holdSnapshot(
  git: GitQueue,
  worktree: string,
  threadId: string,
  commit: string,
): Promise<void> {
  await updateRef(git, worktree, reviewRefName(threadId), commit, undefined, {
    message: 'skein: review snapshot',
  });
}

/** The snapshots taken before and after one agent turn. */
export function turnSides(
  turns: { id: string; seq: number; snapshotBefore: string | null; snapshotAfter: string | null }[],
  turnId: string,
  threadId: string,
): { from: string; to: string } {
  const turn = turns.find((candidate) => candidate.id === turnId);
  if (!turn) {
    throw new SkeinError('NOT_FOUND', `The thread has no turn with id ${turnId}. Refresh the thread.`, {
      threadId,
      turnId,
    });
  }
  if (!turn.snapshotBefore || !turn.snapshotAfter) {
    throw new SkeinError(
      'INVALID_STATE',
      `Turn ${turn.seq} has no snapshots to compare: it is still running, or it ran before Skein recorded what each turn changed.`,
      { threadId, turnId },
    );
  }
  return { from: turn.snapshotBefore, to: turn.snapshotAfter };
}
