import { SkeinError, type Thread } from '../../../src-shared/contract';
import { readCommit, resolveCommit, restoreSnapshot, SNAPSHOT_IDENTITY, type CommitInfo } from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import { copyTranscript } from './copy-transcript';
import type { WorktreePool } from './pool';
import { startThread } from './start-thread';

const log = createLogger('threads');

/** The work matters more than the conversation: a failed copy is logged, and the old rows stay in place. */
function bringConversation(context: ThreadContext, fromThreadId: string, toThreadId: string): void {
  try {
    copyTranscript(context.db, fromThreadId, toThreadId);
  } catch (error) {
    log.warn(`Could not copy the conversation of deleted thread ${fromThreadId} into ${toThreadId}`, error);
  }
}

/** A snapshot of uncommitted work (snapshot.ts), as opposed to a branch head kept for its commits. */
function isSnapshotCommit(info: CommitInfo): boolean {
  return (
    info.parents.length === 1 &&
    info.author.email === SNAPSHOT_IDENTITY.GIT_AUTHOR_EMAIL &&
    info.committer.email === SNAPSHOT_IDENTITY.GIT_COMMITTER_EMAIL
  );
}

/**
 * Starts a new thread from a trash entry, through the same path as any thread (branch naming, pool,
 * setup). A snapshot entry's branch starts at the snapshot's parent (the old branch head) and its
 * files come back as uncommitted changes; an entry that kept only commits starts the branch on them.
 * The entry stays in the trash, so the work can be recovered again. The entry of a deleted thread
 * also brings its conversation: the new thread starts with a copy of the old transcript.
 */
export async function restoreFromTrash(
  context: ThreadContext,
  pool: WorktreePool,
  entryId: string,
  title?: string,
): Promise<Thread> {
  const { git } = context;
  const entry = context.trashRows.get(entryId);
  if (!entry) {
    throw new SkeinError('NOT_FOUND', `There is no trash entry with id ${entryId}. Refresh the trash list.`, {
      entryId,
    });
  }
  const project = context.projects.get(entry.projectId);
  const saved = await resolveCommit(git, project.path, entry.commit);
  if (!saved) {
    throw new SkeinError(
      'NOT_FOUND',
      `The saved work ${entry.ref} (commit ${entry.commit.slice(0, 10)}) is no longer in ${project.path}; it may have been deleted by hand.`,
      { ref: entry.ref, commit: entry.commit },
    );
  }
  const info = await readCommit(git, project.path, saved);
  const snapshot = isSnapshotCommit(info);
  const startAt = snapshot ? (info.parents[0] ?? saved) : saved;
  const old = entry.threadId ? context.rows.getEvenDeleted(entry.threadId) : null;
  // A deleted thread's conversation has no other way back; a live one's stays readable where it is.
  const oldDeleted = old !== null && context.rows.get(old.id) === null;
  const base = old && (await resolveCommit(git, project.path, old.base)) ? old.base : project.defaultBase;
  return startThread(context, pool, {
    projectId: project.id,
    title: title?.trim() || `${entry.threadTitle} (recovered)`,
    base,
    startAt,
    beforeSetup: snapshot ? (thread) => restoreSnapshot(git, thread.worktreePath, saved) : undefined,
    onCreated: oldDeleted ? (thread) => bringConversation(context, old.id, thread.id) : undefined,
  });
}
