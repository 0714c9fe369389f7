import type { TrashEntry } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

interface TrashRow {
  id: string;
  project_id: string;
  thread_id: string | null;
  thread_title: string;
  ref: string;
  commit_sha: string;
  branch: string | null;
  reason: string;
  created_at: number;
}

/** The `trash` table: commits kept under `refs/skein/trash/...` that hold work an operation would have dropped. */
export function createTrashRows(db: SqliteDatabase) {
  const ofProject = db.prepare<[string], TrashRow>(
    'SELECT * FROM trash WHERE project_id = ? ORDER BY created_at DESC, rowid DESC',
  );
  const ofThread = db.prepare<[string], TrashRow>(
    'SELECT * FROM trash WHERE thread_id = ? ORDER BY created_at DESC, rowid DESC',
  );
  const byId = db.prepare<[string], TrashRow>('SELECT * FROM trash WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO trash (id, project_id, thread_id, thread_title, ref, commit_sha, branch, reason, created_at)
     VALUES (@id, @projectId, @threadId, @threadTitle, @ref, @commit, @branch, @reason, @createdAt)`,
  );
  const toEntry = (row: TrashRow): TrashEntry => ({
    id: row.id,
    projectId: row.project_id,
    threadId: row.thread_id,
    threadTitle: row.thread_title,
    ref: row.ref,
    commit: row.commit_sha,
    branch: row.branch,
    reason: row.reason,
    createdAt: row.created_at,
  });
  return {
    insert: (entry: TrashEntry): void => {
      insert.run(entry);
    },
    get: (id: string): TrashEntry | null => {
      const row = byId.get(id);
      return row ? toEntry(row) : null;
    },
    list: (projectId: string): TrashEntry[] => ofProject.all(projectId).map(toEntry),
    ofThread: (threadId: string): TrashEntry[] => ofThread.all(threadId).map(toEntry),
  };
}

export type TrashRows = ReturnType<typeof createTrashRows>;
