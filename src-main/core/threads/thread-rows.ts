import { threadBackendSchema, type Thread, type ThreadStatus } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

interface ThreadRow {
  id: string;
  project_id: string;
  title: string;
  slug: string;
  branch: string;
  base: string;
  base_commit: string;
  worktree_path: string;
  backend: string;
  status: string;
  status_detail: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  deleted_at: number | null;
}

function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    slug: row.slug,
    branch: row.branch,
    base: row.base,
    baseCommit: row.base_commit,
    worktreePath: row.worktree_path,
    // Rows from before migration 008 (and the column's old default) say 'none': the built-in agent.
    backend: threadBackendSchema.safeParse(row.backend).data ?? 'builtin',
    status: row.status as ThreadStatus,
    statusDetail: row.status_detail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

export type ThreadPatch = Partial<
  Pick<Thread, 'title' | 'slug' | 'branch' | 'status' | 'statusDetail' | 'archivedAt'>
>;

const PATCH_COLUMNS: Record<keyof ThreadPatch, string> = {
  title: 'title',
  slug: 'slug',
  branch: 'branch',
  status: 'status',
  statusDetail: 'status_detail',
  archivedAt: 'archived_at',
};

/** The `threads` table. Deleted threads keep their row (`deleted_at`) so their history stays readable. */
export function createThreadRows(db: SqliteDatabase) {
  const byId = db.prepare<[string], ThreadRow>('SELECT * FROM threads WHERE id = ? AND deleted_at IS NULL');
  const byIdEvenDeleted = db.prepare<[string], ThreadRow>('SELECT * FROM threads WHERE id = ?');
  const all = db.prepare<[], ThreadRow>('SELECT * FROM threads WHERE deleted_at IS NULL ORDER BY created_at');
  const ofProject = db.prepare<[string], ThreadRow>(
    'SELECT * FROM threads WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at',
  );
  const liveCount = db.prepare<[string], { count: number }>(
    'SELECT COUNT(*) AS count FROM threads WHERE project_id = ? AND deleted_at IS NULL AND archived_at IS NULL',
  );
  const everId = db.prepare<[string], { id: string }>('SELECT id FROM threads WHERE project_id = ?');
  const insert = db.prepare(
    `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, backend, status,
       status_detail, created_at, updated_at, archived_at)
     VALUES (@id, @projectId, @title, @slug, @branch, @base, @baseCommit, @worktreePath, @backend, @status,
       @statusDetail, @createdAt, @updatedAt, @archivedAt)`,
  );
  const softDelete = db.prepare('UPDATE threads SET deleted_at = ?, updated_at = ? WHERE id = ?');

  return {
    get: (id: string): Thread | null => {
      const row = byId.get(id);
      return row ? toThread(row) : null;
    },
    /** Deleted threads too: what a trash entry's thread was (its base, for a restore). */
    getEvenDeleted: (id: string): Thread | null => {
      const row = byIdEvenDeleted.get(id);
      return row ? toThread(row) : null;
    },
    /** Not deleted; archived included. */
    list: (projectId?: string): Thread[] => (projectId ? ofProject.all(projectId) : all.all()).map(toThread),
    countLive: (projectId: string): number => liveCount.get(projectId)?.count ?? 0,
    /** Every id a thread of this project ever had, deleted ones included (they name worktree folders). */
    everIds: (projectId: string): Set<string> => new Set(everId.all(projectId).map((row) => row.id)),
    insert: (thread: Thread): void => {
      insert.run(thread);
    },
    update: (id: string, patch: ThreadPatch): Thread | null => {
      const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [
        keyof ThreadPatch,
        unknown,
      ][];
      const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
      db.prepare(
        `UPDATE threads SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id AND deleted_at IS NULL`,
      ).run({
        ...Object.fromEntries(entries),
        updatedAt: Date.now(),
        id,
      });
      const row = byId.get(id);
      return row ? toThread(row) : null;
    },
    softDelete: (id: string): void => {
      const now = Date.now();
      softDelete.run(now, now, id);
    },
  };
}

export type ThreadRows = ReturnType<typeof createThreadRows>;
