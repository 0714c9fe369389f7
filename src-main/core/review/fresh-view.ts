import type { Project, Thread } from '../../../src-shared/contract';
import type { WorktreeSnapshot } from '../git';
import { keepInTrash } from '../threads';
import { pathsDiffer } from './diff-git';
import { resolveBaseSides } from './diff-sides';
import { requireWorktree } from './review-thread';
import type { ReviewServiceDeps } from './types';

/** The thread's review as it is right now, taken again for an edit rather than trusted from the client. */
export interface FreshView {
  thread: Thread;
  project: Project;
  worktree: string;
  /** The merge-base with the base branch. */
  from: string;
  snapshot: WorktreeSnapshot;
}

export async function freshView(deps: ReviewServiceDeps, threadId: string): Promise<FreshView> {
  const { thread, worktree } = requireWorktree(deps, threadId);
  const project = deps.projects.get(thread.projectId);
  const { from, snapshot } = await resolveBaseSides(deps.git, thread, worktree);
  return { thread, project, worktree, from, snapshot };
}

/**
 * Saves the worktree's snapshot to the trash when an edit is about to overwrite uncommitted work in
 * `paths`; returns the trash ref, or null when those paths hold nothing uncommitted (what they hold
 * is then in HEAD already).
 */
export async function trashUncommittedWork(
  deps: ReviewServiceDeps,
  view: FreshView,
  paths: string[],
  reason: string,
): Promise<string | null> {
  const { snapshot } = view;
  if (!snapshot.changed) return null;
  if (!(await pathsDiffer(deps.git, view.worktree, snapshot.head, snapshot.commit, paths))) return null;
  const entry = await keepInTrash(
    { git: deps.git, trashRows: deps.trashRows },
    view.project,
    view.thread,
    snapshot.commit,
    reason,
  );
  return entry.ref;
}
