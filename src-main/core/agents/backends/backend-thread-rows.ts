import type { ThreadBackend } from '../../../../src-shared/contract';
import type { SqliteDatabase } from '../../store';

/**
 * A thread's backend and that backend's own conversation id (migration 008). The thread service
 * owns the row; like the thread status writer, the agent side writes these two columns itself.
 */
export function createBackendThreadRows(db: SqliteDatabase) {
  const readSession = db.prepare<[string], { backend_session_id: string | null }>(
    'SELECT backend_session_id FROM threads WHERE id = ?',
  );
  const writeSession = db.prepare('UPDATE threads SET backend_session_id = ? WHERE id = ?');
  // A session belongs to one agent: switching backends forgets it.
  const writeBackend = db.prepare(
    `UPDATE threads SET backend = ?, backend_session_id = NULL, updated_at = ?
     WHERE id = ? AND deleted_at IS NULL`,
  );

  return {
    sessionId: (threadId: string): string | null => readSession.get(threadId)?.backend_session_id ?? null,
    saveSession(threadId: string, sessionId: string | null): void {
      writeSession.run(sessionId, threadId);
    },
    setBackend(threadId: string, backend: ThreadBackend): void {
      writeBackend.run(backend, Date.now(), threadId);
    },
  };
}

export type BackendThreadRows = ReturnType<typeof createBackendThreadRows>;
