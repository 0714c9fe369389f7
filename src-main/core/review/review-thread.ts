import { existsSync } from 'node:fs';
import { SkeinError, type Thread } from '../../../src-shared/contract';
import type { ReviewServiceDeps } from './types';

/** Statuses in which the thread's worktree is not there yet. */
const WORKTREE_PENDING = new Set<Thread['status']>(['creating']);

/** The thread (NOT_FOUND when there is none) and its worktree, which must exist on disk. */
export function requireWorktree(
  deps: Pick<ReviewServiceDeps, 'threads'>,
  threadId: string,
): { thread: Thread; worktree: string } {
  const thread = deps.threads.get(threadId);
  if (thread.archivedAt !== null || thread.status === 'archived') {
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" is archived, so it has no worktree to review or change. Unarchive it first.`,
      { threadId },
    );
  }
  if (WORKTREE_PENDING.has(thread.status)) {
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" is still being created. Try again in a moment.`,
      { threadId },
    );
  }
  if (!existsSync(thread.worktreePath)) {
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" is missing from ${thread.worktreePath}. Restart Skein to let it repair the thread, or archive it.`,
      { threadId, worktreePath: thread.worktreePath },
    );
  }
  return { thread, worktree: thread.worktreePath };
}
