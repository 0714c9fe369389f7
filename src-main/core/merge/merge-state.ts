import { existsSync } from 'node:fs';
import { SkeinError, type Project, type Thread } from '../../../src-shared/contract';
import {
  listWorktrees,
  operationInProgress,
  resolveCommit,
  worktreeGitDir,
  resolveTree,
  worktreeStatus,
  type GitOperation,
  type WorktreeEntry,
  type WorktreeStatus,
} from '../git';
import type { MergeContext } from './merge-context';

/** Where a thread and its base stand, read once at the start of a preview or merge. */
export interface MergeState {
  thread: Thread;
  project: Project;
  /** The base's local branch ref (`refs/heads/main`), or null when the base is not a local branch. */
  baseRef: string | null;
  baseCommit: string;
  baseTree: string;
  head: string;
  /** The thread's worktree status; null when it has none on disk (archived, still being made). */
  worktree: WorktreeStatus | null;
  /** What the thread's worktree is in the middle of (a rebase Skein or the user started), if anything. */
  operation: GitOperation | null;
  /** Worktrees of the repository, for finding where the base (and the thread's branch) are checked out. */
  worktrees: WorktreeEntry[];
}

export async function readMergeState(context: MergeContext, threadId: string): Promise<MergeState> {
  const { git } = context;
  const thread = context.threads.get(threadId);
  const project = context.projects.get(thread.projectId);
  const cwd = project.path;
  const head = await resolveCommit(git, cwd, `refs/heads/${thread.branch}`);
  if (!head) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `The thread's branch ${thread.branch} no longer exists in ${cwd}, so there is nothing to merge or push.`,
      { branch: thread.branch },
    );
  }
  const branchCommit = await resolveCommit(git, cwd, `refs/heads/${thread.base}`);
  const baseCommit = branchCommit ?? (await resolveCommit(git, cwd, thread.base));
  if (!baseCommit) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `The thread's base "${thread.base}" no longer exists in ${cwd}. Recreate it, or publish the thread's branch instead.`,
      { base: thread.base },
    );
  }
  const baseTree = (await resolveTree(git, cwd, baseCommit)) ?? '';
  const hasWorktree = thread.archivedAt === null && existsSync(thread.worktreePath);
  const worktree = hasWorktree ? await worktreeStatus(git, thread.worktreePath) : null;
  const operation = hasWorktree ? operationInProgress(await worktreeGitDir(git, thread.worktreePath)) : null;
  return {
    thread,
    project,
    baseRef: branchCommit ? `refs/heads/${thread.base}` : null,
    baseCommit,
    baseTree,
    head,
    worktree,
    operation,
    worktrees: await listWorktrees(context.git, cwd),
  };
}

/** The worktree that has `ref` checked out, if any (git allows one per branch). */
export function checkoutOf(worktrees: WorktreeEntry[], ref: string | null): WorktreeEntry | null {
  if (!ref) return null;
  return (
    worktrees.find(
      (worktree) =>
        worktree.branch === ref && !worktree.bare && !worktree.prunable && existsSync(worktree.path),
    ) ?? null
  );
}

/** Up to five paths and a count of the rest, for error sentences. */
export function describePaths(paths: string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

export function shortId(commit: string): string {
  return commit.slice(0, 10);
}
