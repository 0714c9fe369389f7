import type { Migration } from '../migration';

/**
 * Review comments: lines of a thread's diff a reviewer wrote about, sent to the agent as a turn's
 * message and resolved when a later turn changes those lines. They belong to the thread: gone with
 * its row (foreign key) and when it is deleted (threads are soft-deleted, hence the trigger).
 * The turn columns carry no foreign key, so a later rebuild of `turns` cannot rewrite them.
 */
export const migration005: Migration = {
  version: 5,
  name: 'review comments',
  sql: `
    CREATE TABLE review_comments (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('old', 'new')),
      start_line INTEGER NOT NULL CHECK (start_line >= 1),
      end_line INTEGER NOT NULL CHECK (end_line >= start_line),
      body TEXT NOT NULL,
      quote TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'resolved')),
      sent_turn_id TEXT,
      -- The sent turn's place in the thread: only turns from it on can resolve the comment.
      sent_turn_seq INTEGER,
      resolved_turn_id TEXT,
      -- The snapshot a sent comment's line numbers refer to (its turn's "before"), so later turns can
      -- follow the lines as earlier turns moved them.
      lines_commit TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX review_comments_by_thread ON review_comments(thread_id, status);

    CREATE TRIGGER review_comments_of_deleted_thread
      AFTER UPDATE OF deleted_at ON threads
      WHEN NEW.deleted_at IS NOT NULL
    BEGIN
      DELETE FROM review_comments WHERE thread_id = NEW.id;
    END;
  `,
};
