import type { Migration } from '../migration';

/**
 * Token and cost budgets per thread and per project (a project's covers all its threads). What was
 * spent is not stored here: it is summed from the turns, so it can never drift from the transcript.
 * Thread rows go with the thread (threads are soft-deleted, hence the trigger, as in 007).
 */
export const migration011: Migration = {
  version: 11,
  name: 'budgets',
  sql: `
    CREATE TABLE thread_budgets (
      thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
      max_tokens INTEGER,
      max_usd REAL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE project_budgets (
      project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      max_tokens INTEGER,
      max_usd REAL,
      updated_at INTEGER NOT NULL
    );

    CREATE TRIGGER budget_of_deleted_thread
      AFTER UPDATE OF deleted_at ON threads
      WHEN NEW.deleted_at IS NOT NULL
    BEGIN
      DELETE FROM thread_budgets WHERE thread_id = NEW.id;
    END;
  `,
};
