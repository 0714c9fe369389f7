import type { Migration } from '../migration';

/**
 * Review agent runs and their findings. A run belongs to its thread (gone with its row, and when the
 * thread is soft-deleted); its malformed findings are kept as JSON text, only ever read whole.
 */
export const migration014: Migration = {
  version: 14,
  name: 'review findings',
  sql: `
    CREATE TABLE review_runs (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      reviewer TEXT NOT NULL CHECK (reviewer IN ('built-in', 'codex')),
      provider TEXT,
      model TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
      verdict TEXT CHECK (verdict IN ('approve', 'request_changes', 'comment')),
      summary TEXT,
      from_commit TEXT,
      to_commit TEXT,
      diff_truncated INTEGER NOT NULL DEFAULT 0,
      invalid_json TEXT NOT NULL DEFAULT '[]',
      error TEXT,
      created_at INTEGER NOT NULL,
      completed_at INTEGER,
      tokens_in INTEGER,
      tokens_out INTEGER,
      cost_usd REAL
    );
    CREATE INDEX review_runs_by_thread ON review_runs(thread_id, created_at);

    CREATE TABLE review_findings (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES review_runs(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      path TEXT NOT NULL,
      start_line INTEGER NOT NULL CHECK (start_line >= 1),
      end_line INTEGER NOT NULL CHECK (end_line >= start_line),
      severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
      confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'sent')),
      sent_turn_id TEXT
    );
    CREATE INDEX review_findings_by_run ON review_findings(run_id, seq);

    CREATE TRIGGER review_runs_of_deleted_thread
      AFTER UPDATE OF deleted_at ON threads
      WHEN NEW.deleted_at IS NOT NULL
    BEGIN
      DELETE FROM review_runs WHERE thread_id = NEW.id;
    END;
  `,
};
