import type { ThreadStatus } from '../../../../src-shared/contract';
import type { Publisher } from '../../events';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';

/**
 * The agent's part of a thread's status (working, waiting_approval, done, error). The thread
 * service owns the row; it has no status setter for other services yet, so this writes the two
 * columns itself and announces the thread as the thread service would.
 */
export function createThreadStatusWriter(
  db: SqliteDatabase,
  threads: Pick<ThreadService, 'get'>,
  publisher: Publisher,
) {
  const update = db.prepare(
    `UPDATE threads SET status = ?, status_detail = ?, updated_at = ?
     WHERE id = ? AND deleted_at IS NULL AND archived_at IS NULL`,
  );
  return (threadId: string, status: ThreadStatus, detail: string | null = null): void => {
    if (update.run(status, detail, Date.now(), threadId).changes === 0) return;
    publisher.publish('thread/updated', { thread: threads.get(threadId) });
  };
}

export type ThreadStatusWriter = ReturnType<typeof createThreadStatusWriter>;
