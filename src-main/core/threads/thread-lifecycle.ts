import { existsSync } from 'node:fs';
import { SkeinError, type Project, type Thread, type TrashEntry } from '../../../src-shared/contract';
import {
  countCommitsNotIn,
  deleteBranch,
  isMerged,
  listWorktrees,
  removeWorktree,
  resolveCommit,
  restoreSnapshot,
  worktreeStatus,
  type WorktreeStatus,
} from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import { deleteOrphanedThread } from './delete-orphaned';
import { prepareThread } from './setup';
import { snapshotBeforeRemoval } from './snapshot-before-removal';
import { recreateWorktree } from './start-thread';
import { keepInTrash } from './trash';

const log = createLogger('threads');

/** Trash reason of the snapshot taken on archive; unarchive looks for it to put the work back. */
const ARCHIVE_REASON = 'archive: uncommitted changes';

export function requireThread(context: ThreadContext, threadId: string): Thread {
  const thread = context.rows.get(threadId);
  if (!thread) {
    throw new SkeinError(
      'NOT_FOUND',
      `There is no thread with id ${threadId}; it may have been deleted. Refresh the thread list.`,
      {
        threadId,
      },
    );
  }
  return thread;
}

/** The thread's worktree as it stands: null when there is none on disk (archived, deleted by hand). */
async function inspectWorktree(context: ThreadContext, thread: Thread): Promise<WorktreeStatus | null> {
  if (thread.archivedAt !== null || !existsSync(thread.worktreePath)) return null;
  return worktreeStatus(context.git, thread.worktreePath);
}

function describeFiles(status: WorktreeStatus): string {
  const files = [...status.changed, ...status.untracked, ...status.conflicted];
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

export async function archiveThread(context: ThreadContext, threadId: string): Promise<Thread> {
  await context.settled(threadId);
  const thread = requireThread(context, threadId);
  if (thread.archivedAt !== null) return thread;
  const project = context.projects.get(thread.projectId);
  await context.terminals.stopThread(threadId);
  const status = await inspectWorktree(context, thread);
  // The archive snapshot is stamped no earlier than this, which is how unarchive finds it.
  const archivedAt = Date.now();
  let detail: string | null = null;
  if (status) {
    // Clean by git's count can still hold ignored files (`.env.local`, notes) that removal would delete.
    const { snapshot, notKept } = await snapshotBeforeRemoval(
      context,
      project,
      thread,
      `Skein: uncommitted work of "${thread.title}" at archive`,
    );
    if (snapshot.changed) {
      const reason = notKept ? `${ARCHIVE_REASON}; ${notKept}` : ARCHIVE_REASON;
      const entry = await keepInTrash(context, project, thread, snapshot.commit, reason, archivedAt);
      detail = `Uncommitted work was saved to ${entry.ref}; unarchiving puts it back.`;
    }
    if (notKept) detail = detail ? `${detail} ${notKept}` : notKept;
  }
  if (status) await removeWorktree(context.git, project.path, thread.worktreePath);
  return context.update(threadId, { status: 'archived', statusDetail: detail, archivedAt }) ?? thread;
}

export async function unarchiveThread(context: ThreadContext, threadId: string): Promise<Thread> {
  await context.settled(threadId);
  const thread = requireThread(context, threadId);
  if (thread.archivedAt === null) return thread;
  const project = context.projects.get(thread.projectId);
  const head = await resolveCommit(context.git, project.path, `refs/heads/${thread.branch}`);
  if (!head) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `The thread's branch ${thread.branch} no longer exists, so its worktree cannot be made again. Its saved work, if any, is in the trash list.`,
      { branch: thread.branch },
    );
  }
  await clearStaleRegistration(context, project, thread);
  if (existsSync(thread.worktreePath)) {
    throw new SkeinError(
      'INVALID_STATE',
      `${thread.worktreePath} already exists. Move it away, then unarchive the thread again.`,
      {
        path: thread.worktreePath,
      },
    );
  }
  await recreateWorktree(context, thread, project);
  await restoreArchivedWork(context, thread, head);
  const reopened =
    context.update(threadId, { status: 'creating', statusDetail: null, archivedAt: null }) ?? thread;
  // Setup files put back from the archive snapshot may hold the thread's own edits: setup keeps them.
  return prepareThread(context, reopened, project, { keepExisting: true });
}

/** A worktree registration left for a folder that is gone would make `worktree add` refuse the path. */
async function clearStaleRegistration(
  context: ThreadContext,
  project: Project,
  thread: Thread,
): Promise<void> {
  if (existsSync(thread.worktreePath)) return;
  const worktrees = await listWorktrees(context.git, project.path);
  if (worktrees.some((worktree) => worktree.path === thread.worktreePath)) {
    await removeWorktree(context.git, project.path, thread.worktreePath);
  }
}

async function restoreArchivedWork(context: ThreadContext, thread: Thread, head: string): Promise<void> {
  const saved = context.trashRows
    .ofThread(thread.id)
    .find(
      (entry) =>
        entry.reason.startsWith(ARCHIVE_REASON) &&
        thread.archivedAt !== null &&
        entry.createdAt >= thread.archivedAt,
    );
  if (!saved) return;
  // Only onto the commit it was taken from: on a moved branch the files could silently undo newer commits.
  if ((await resolveCommit(context.git, thread.worktreePath, `${saved.commit}^`)) !== head) return;
  try {
    await restoreSnapshot(context.git, thread.worktreePath, saved.commit);
  } catch (error) {
    log.warn(`Could not put archived work of ${thread.id} back; it stays in ${saved.ref}`, error);
  }
}

export async function deleteThread(
  context: ThreadContext,
  threadId: string,
  force: boolean,
): Promise<TrashEntry[]> {
  await context.settled(threadId);
  const thread = requireThread(context, threadId);
  const project = context.projects.get(thread.projectId);
  if (!existsSync(project.path)) return deleteOrphanedThread(context, project, thread, force);
  const { git } = context;
  const status = await inspectWorktree(context, thread);
  const head = await resolveCommit(git, project.path, `refs/heads/${thread.branch}`);
  const base = (await resolveCommit(git, project.path, thread.base)) ?? thread.baseCommit;
  const unmerged = head !== null && !(await isMerged(git, project.path, head, base));

  if (!force && status?.dirty) {
    throw new SkeinError(
      'WORKTREE_DIRTY',
      `"${thread.title}" has uncommitted changes (${describeFiles(status)}). Commit or discard them, or delete with force to keep them in the trash.`,
      { changed: status.changed, untracked: status.untracked, conflicted: status.conflicted },
    );
  }
  if (!force && unmerged) {
    const count = await countCommitsNotIn(git, project.path, head, base);
    throw new SkeinError(
      'UNMERGED_COMMITS',
      `${thread.branch} has ${count} commit(s) that are not in ${thread.base}. Merge them, or delete with force to keep them in the trash.`,
      { branch: thread.branch, base: thread.base, commits: count },
    );
  }

  await context.terminals.stopThread(threadId);
  const trash: TrashEntry[] = [];
  // The snapshot's parent is the worktree's HEAD (the branch head), so one ref keeps both the commits and the edits.
  const removal = status
    ? await snapshotBeforeRemoval(context, project, thread, `Skein: work of "${thread.title}" at delete`)
    : null;
  const keptIgnoredOnly = !status?.dirty && removal?.snapshot.changed === true;
  if (status?.dirty || keptIgnoredOnly || unmerged) {
    const commit = removal?.snapshot.changed ? removal.snapshot.commit : head;
    const reason = [
      status?.dirty ? 'uncommitted changes' : keptIgnoredOnly ? 'ignored files' : null,
      unmerged ? 'unmerged commits' : null,
    ]
      .filter(Boolean)
      .join(' and ');
    const notKept = removal?.notKept ? `; ${removal.notKept}` : '';
    if (commit)
      trash.push(await keepInTrash(context, project, thread, commit, `delete: ${reason}${notKept}`));
  }
  if (status) await removeWorktree(git, project.path, thread.worktreePath);
  else await clearStaleRegistration(context, project, thread);
  if (head) {
    try {
      await deleteBranch(git, project.path, thread.branch);
    } catch (error) {
      // e.g. checked out in the user's own worktree: keeping a branch loses nothing.
      log.warn(`Kept branch ${thread.branch} of deleted thread ${threadId}`, error);
    }
  }
  context.rows.softDelete(threadId);
  context.publisher.publish('thread/removed', { threadId });
  return trash;
}
