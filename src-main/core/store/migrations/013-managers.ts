import type { Migration } from '../migration';

/**
 * Manager threads and their workers (issue #8). The gate is kept as one JSON column validated by the
 * contract's schema on read: it is always written and read whole. Rows go with their threads
 * (foreign keys); threads are soft-deleted, so a deleted worker keeps its row until the manager goes,
 * and the service shows it as stopped.
 */
export const migration013: Migration = {
  version: 13,
  name: 'manager threads',
  sql: `
    CREATE TABLE managers (
      thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      worker_backend TEXT,
      gate_json TEXT NOT NULL,
      done_summary TEXT,
      created_at INTEGER NOT NULL
    );

    CREATE INDEX managers_by_project ON managers(project_id, created_at);

    CREATE TABLE manager_workers (
      thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
      manager_thread_id TEXT NOT NULL REFERENCES managers(thread_id) ON DELETE CASCADE,
      task TEXT NOT NULL,
      backend TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('working', 'idle', 'handed_back', 'stopped')),
      summary TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE INDEX manager_workers_by_manager ON manager_workers(manager_thread_id, created_at);
  `,
};
