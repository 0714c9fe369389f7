import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { SkeinError, type Project, type Thread, type TrashEntry } from '../../../src-shared/contract';
import type { ThreadContext } from './context';

/**
 * A thread whose repository is gone: git cannot look for unsaved work any more, and the commits
 * went with the repository. Its worktree folder may still hold files only the user can judge, so
 * it is removed only with force.
 */
export async function deleteOrphanedThread(
  context: ThreadContext,
  project: Project,
  thread: Thread,
  force: boolean,
): Promise<TrashEntry[]> {
  if (!force && existsSync(thread.worktreePath)) {
    throw new SkeinError(
      'INVALID_STATE',
      `The repository of "${project.name}" at ${project.path} is gone, so Skein cannot check ${thread.worktreePath} for unsaved work. Copy out anything you need from that folder, then delete with force to remove it.`,
      { worktreePath: thread.worktreePath, repository: project.path },
    );
  }
  await context.terminals.stopThread(thread.id);
  await rm(thread.worktreePath, { recursive: true, force: true });
  context.rows.softDelete(thread.id);
  context.publisher.publish('thread/removed', { threadId: thread.id });
  return [];
}
