import { randomUUID } from 'node:crypto';
import type { Project, Thread, TrashEntry } from '../../../src-shared/contract';
import { updateRef } from '../git';
import type { ThreadContext } from './context';

/** Where kept work lives: one ref per save, so nothing overwrites an earlier one. */
export function trashRefName(threadId: string, time: number): string {
  return `refs/skein/trash/${threadId}/${time}`;
}

/**
 * Keeps `commit` reachable under `refs/skein/trash/<thread>/<time>` and records it, so
 * `trash/list` shows it and `git checkout <ref>` brings the work back.
 */
export async function keepInTrash(
  context: Pick<ThreadContext, 'git' | 'trashRows'>,
  project: Project,
  thread: Thread,
  commit: string,
  reason: string,
  at = Date.now(),
): Promise<TrashEntry> {
  let time = at;
  // Two saves in one millisecond (archive right after delete in a script) must not collide.
  while (
    !(await updateRef(context.git, project.path, trashRefName(thread.id, time), commit, null, {
      message: `skein: ${reason}`,
    }))
  ) {
    time += 1;
  }
  const entry: TrashEntry = {
    id: randomUUID(),
    projectId: project.id,
    threadId: thread.id,
    threadTitle: thread.title,
    ref: trashRefName(thread.id, time),
    commit,
    branch: thread.branch,
    reason,
    createdAt: time,
  };
  context.trashRows.insert(entry);
  return entry;
}
