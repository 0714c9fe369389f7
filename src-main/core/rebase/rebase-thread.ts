import { existsSync } from 'node:fs';
import { SkeinError, type Project, type Thread } from '../../../src-shared/contract';
import type { RebaseContext } from './types';

/** Statuses in which the thread has no worktree to rebase in (yet, or any more). */
const NO_WORKTREE = new Set<Thread['status']>(['creating', 'setting_up', 'archived', 'missing']);
/** Statuses in which the thread's agent is changing files. */
const AGENT_AT_WORK = new Set<Thread['status']>(['working', 'waiting_approval']);

export interface RebaseTarget {
  thread: Thread;
  project: Project;
  worktree: string;
}

/** The thread (NOT_FOUND when there is none) with its project and a worktree that exists on disk. */
export function requireRebaseTarget(
  context: Pick<RebaseContext, 'threads' | 'projects'>,
  threadId: string,
): RebaseTarget {
  const thread = context.threads.get(threadId);
  if (thread.archivedAt !== null || thread.status === 'archived') {
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" is archived, so it has no worktree to rebase in. Unarchive it first.`,
      { threadId },
    );
  }
  if (NO_WORKTREE.has(thread.status) || !existsSync(thread.worktreePath)) {
    throw new SkeinError(
      'INVALID_STATE',
      thread.status === 'creating' || thread.status === 'setting_up'
        ? `The worktree of "${thread.title}" is still being set up. Try again in a moment.`
        : `The worktree of "${thread.title}" is missing from ${thread.worktreePath}. Restart Skein to let it repair the thread, or archive it.`,
      { threadId, status: thread.status },
    );
  }
  return { thread, project: context.projects.get(thread.projectId), worktree: thread.worktreePath };
}

/** Refuses while the thread's agent has a turn under way: it would be editing files under the rebase. */
export function refuseWhileAgentWorks(thread: Thread, action: string): void {
  if (!AGENT_AT_WORK.has(thread.status)) return;
  throw new SkeinError(
    'INVALID_STATE',
    `The agent of "${thread.title}" is ${thread.status === 'working' ? 'working' : 'waiting for an approval'}, so Skein will not ${action} now. Wait for its turn to end, or interrupt it, then try again.`,
    { threadId: thread.id, status: thread.status },
  );
}
