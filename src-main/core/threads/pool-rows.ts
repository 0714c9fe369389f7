import type { SqliteDatabase } from '../store';

export interface PoolEntry {
  path: string;
  projectId: string;
  base: string;
  baseCommit: string;
  createdAt: number;
}

interface PoolRow {
  path: string;
  project_id: string;
  base: string;
  base_commit: string;
  created_at: number;
}

/** The `worktree_pool` table: pre-made worktrees (detached at a base commit) waiting to become threads. */
export function createPoolRows(db: SqliteDatabase) {
  const ofProject = db.prepare<[string], PoolRow>(
    'SELECT * FROM worktree_pool WHERE project_id = ? ORDER BY created_at',
  );
  const insert = db.prepare(
    'INSERT INTO worktree_pool (path, project_id, base, base_commit, created_at) VALUES (@path, @projectId, @base, @baseCommit, @createdAt)',
  );
  const remove = db.prepare('DELETE FROM worktree_pool WHERE path = ?');
  const setCommit = db.prepare('UPDATE worktree_pool SET base = ?, base_commit = ? WHERE path = ?');
  return {
    list: (projectId: string): PoolEntry[] =>
      ofProject.all(projectId).map((row) => ({
        path: row.path,
        projectId: row.project_id,
        base: row.base,
        baseCommit: row.base_commit,
        createdAt: row.created_at,
      })),
    insert: (entry: PoolEntry): void => {
      insert.run(entry);
    },
    /** True when this call removed the row: whoever removes it owns the worktree. */
    take: (path: string): boolean => remove.run(path).changes > 0,
    setCommit: (path: string, base: string, commit: string): void => {
      setCommit.run(base, commit, path);
    },
  };
}

export type PoolRows = ReturnType<typeof createPoolRows>;
