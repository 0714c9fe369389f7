import type { Migration } from '../migration';

/**
 * Attempts (best-of-N): a group is one task run on several threads; each attempt row ties a thread
 * to the group with its variant, outcome, last measured diff and last check (JSON, as the contract
 * shapes them). Threads keep their rows when deleted (soft delete); a project's removal takes its
 * groups with it.
 */
export const migration012: Migration = {
  version: 12,
  name: 'attempts',
  sql: `
    CREATE TABLE attempt_groups (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      prompt TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      winner_thread_id TEXT
    );
    CREATE INDEX attempt_groups_by_project ON attempt_groups(project_id, created_at);

    CREATE TABLE attempts (
      group_id TEXT NOT NULL REFERENCES attempt_groups(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      variant_json TEXT NOT NULL,
      outcome TEXT NOT NULL DEFAULT 'candidate' CHECK (outcome IN ('candidate', 'winner', 'discarded')),
      error TEXT,
      diff_json TEXT,
      check_json TEXT,
      PRIMARY KEY (group_id, idx)
    );
    CREATE UNIQUE INDEX attempts_by_thread ON attempts(thread_id);
  `,
};
