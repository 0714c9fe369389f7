import type { ReviewComment } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

interface CommentRow {
  id: string;
  thread_id: string;
  path: string;
  side: string;
  start_line: number;
  end_line: number;
  body: string;
  quote: string;
  status: string;
  sent_turn_id: string | null;
  sent_turn_seq: number | null;
  resolved_turn_id: string | null;
  lines_commit: string | null;
  created_at: number;
  updated_at: number;
}

/** A comment as stored: the contract's shape plus what resolving it needs. */
export interface StoredComment extends ReviewComment {
  /** The seq of the turn it was sent in. */
  sentTurnSeq: number | null;
  /** The commit its `new`-side line numbers refer to, once known (the sent turn's "before" snapshot). */
  linesCommit: string | null;
}

function toComment(row: CommentRow): StoredComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    path: row.path,
    side: row.side as ReviewComment['side'],
    startLine: row.start_line,
    endLine: row.end_line,
    body: row.body,
    quote: row.quote,
    status: row.status as ReviewComment['status'],
    sentTurnId: row.sent_turn_id,
    sentTurnSeq: row.sent_turn_seq,
    resolvedTurnId: row.resolved_turn_id,
    linesCommit: row.lines_commit,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function publicComment(comment: StoredComment): ReviewComment {
  const { sentTurnSeq: _seq, linesCommit: _commit, ...rest } = comment;
  return rest;
}

export type NewComment = Pick<
  ReviewComment,
  'id' | 'threadId' | 'path' | 'side' | 'startLine' | 'endLine' | 'body' | 'quote'
>;

/** The `review_comments` table (migration 005). */
export function createCommentRows(db: SqliteDatabase) {
  const insert = db.prepare(
    `INSERT INTO review_comments (id, thread_id, path, side, start_line, end_line, body, quote, status, created_at, updated_at)
     VALUES (@id, @threadId, @path, @side, @startLine, @endLine, @body, @quote, 'draft', @now, @now)`,
  );
  const byId = db.prepare<[string], CommentRow>('SELECT * FROM review_comments WHERE id = ?');
  const ofThread = db.prepare<[string], CommentRow>(
    'SELECT * FROM review_comments WHERE thread_id = ? ORDER BY created_at, rowid',
  );
  const withStatus = db.prepare<[string, string], CommentRow>(
    'SELECT * FROM review_comments WHERE thread_id = ? AND status = ? ORDER BY created_at, rowid',
  );
  // Guarded by status so a comment sent meanwhile is never rewritten.
  const editDraft = db.prepare(
    "UPDATE review_comments SET body = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
  );
  const remove = db.prepare('DELETE FROM review_comments WHERE id = ?');
  const markSent = db.prepare(
    `UPDATE review_comments SET status = 'sent', sent_turn_id = ?, sent_turn_seq = ?, updated_at = ?
     WHERE id = ? AND status = 'draft'`,
  );
  const markResolved = db.prepare(
    "UPDATE review_comments SET status = 'resolved', resolved_turn_id = ?, updated_at = ? WHERE id = ? AND status = 'sent'",
  );

  const setLinesCommit = db.prepare(
    'UPDATE review_comments SET lines_commit = ? WHERE thread_id = ? AND sent_turn_seq = ? AND lines_commit IS NULL',
  );

  return {
    insert(comment: NewComment, now: number): StoredComment {
      insert.run({ ...comment, now });
      return toComment(byId.get(comment.id) as CommentRow);
    },
    get(id: string): StoredComment | undefined {
      const row = byId.get(id);
      return row ? toComment(row) : undefined;
    },
    ofThread(threadId: string): StoredComment[] {
      return ofThread.all(threadId).map(toComment);
    },
    withStatus(threadId: string, status: ReviewComment['status']): StoredComment[] {
      return withStatus.all(threadId, status).map(toComment);
    },
    editDraft(id: string, body: string, now: number): boolean {
      return editDraft.run(body, now, id).changes === 1;
    },
    remove(id: string): boolean {
      return remove.run(id).changes === 1;
    },
    /** Records the commit the line numbers of the comments sent in turn `seq` refer to. */
    setLinesCommit(threadId: string, seq: number, commit: string): void {
      setLinesCommit.run(commit, threadId, seq);
    },
    /** Marks drafts sent in one transaction; returns the ids that were still drafts. */
    markSent: db.transaction((ids: readonly string[], turn: { id: string; seq: number }, now: number) =>
      ids.filter((id) => markSent.run(turn.id, turn.seq, now, id).changes === 1),
    ),
    /** Marks sent comments resolved; returns the ids that were still sent. */
    markResolved: db.transaction((ids: readonly string[], turnId: string, now: number) =>
      ids.filter((id) => markResolved.run(turnId, now, id).changes === 1),
    ),
  };
}

export type CommentRows = ReturnType<typeof createCommentRows>;
