import { existsSync } from 'node:fs';
import type { Thread } from '../../../src-shared/contract';
import {
  commitTree,
  mergeTree,
  resolveCommit,
  snapshotWorktree,
  SNAPSHOT_IDENTITY,
  type GitQueue,
} from '../git';

/** One worker's work as the gate merges it. */
export interface WorkerTip {
  thread: Thread;
  /** Its branch plus its uncommitted work (a snapshot commit), or the branch alone without a worktree. */
  commit: string;
}

export type GateMerge =
  | { kind: 'merged'; commit: string; mergedThreadIds: string[] }
  | { kind: 'conflict'; threadId: string; conflicts: string[]; mergedThreadIds: string[] };

/**
 * The commit that holds a worker's work: a snapshot of its worktree (uncommitted and untracked work
 * included, nothing in the worktree touched), or its branch when the worktree is gone (archived).
 */
export async function workerTip(git: GitQueue, repoPath: string, thread: Thread): Promise<string | null> {
  if (thread.archivedAt === null && existsSync(thread.worktreePath)) {
    const snapshot = await snapshotWorktree(git, thread.worktreePath, {
      message: `Skein gate: work of "${thread.title}"`,
    });
    return snapshot.commit;
  }
  return resolveCommit(git, repoPath, `refs/heads/${thread.branch}`);
}

/**
 * Merges the workers' commits one after another onto `base` with `git merge-tree --write-tree`, each
 * step recorded by `git commit-tree` (two parents, so the next merge finds the right merge base).
 * Only objects are written: no ref, index or worktree moves. Stops at the first worker whose work
 * conflicts with what is merged so far.
 */
export async function mergeWorkers(
  git: GitQueue,
  repoPath: string,
  base: string,
  tips: WorkerTip[],
): Promise<GateMerge> {
  let current = base;
  const merged: string[] = [];
  for (const tip of tips) {
    const result = await mergeTree(git, repoPath, current, tip.commit);
    if (result.conflicts.length > 0) {
      return {
        kind: 'conflict',
        threadId: tip.thread.id,
        conflicts: result.conflicts,
        mergedThreadIds: merged,
      };
    }
    current = await commitTree(git, repoPath, {
      tree: result.tree,
      parents: [current, tip.commit],
      message: `Skein gate: merge the work of "${tip.thread.title}"`,
      env: SNAPSHOT_IDENTITY,
    });
    merged.push(tip.thread.id);
  }
  return { kind: 'merged', commit: current, mergedThreadIds: merged };
}
