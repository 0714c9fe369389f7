import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store';

type Row = Record<string, unknown>;

/** Statuses of a turn still under way; a copy is history, so it must never be resumed or continued as live. */
const LIVE_TURN_STATUSES = new Set(['running', 'waiting_approval']);
const LIVE_ITEM_STATUSES = new Set(['in_progress']);

function columnsOf(db: SqliteDatabase, table: string): string[] {
  return db
    .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
    .all()
    .map((column) => column.name);
}

function inserter(db: SqliteDatabase, table: string): (row: Row) => void {
  const columns = columnsOf(db, table);
  const statement = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  return (row) => {
    statement.run(Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
  };
}

/**
 * Copies a thread's conversation (turns, items and the model's conversation history) into another
 * thread, in one transaction, with new ids and the same order. Copied rather than moved: the deleted
 * thread's rows stay as they were, so its entry can be recovered again and each recovery gets the
 * whole conversation. Columns are read from the tables, so later migrations' columns come along.
 * Turns that were still running when the thread went are copied as interrupted.
 */
export function copyTranscript(db: SqliteDatabase, fromThreadId: string, toThreadId: string): number {
  const copy = db.transaction(() => {
    const turns = db
      .prepare<[string], Row>('SELECT * FROM turns WHERE thread_id = ? ORDER BY seq')
      .all(fromThreadId);
    const items = db
      .prepare<[string], Row>('SELECT * FROM items WHERE thread_id = ? ORDER BY seq')
      .all(fromThreadId);
    const history = db
      .prepare<[string], Row>('SELECT * FROM agent_conversations WHERE thread_id = ?')
      .get(fromThreadId);
    const turnIds = new Map(turns.map((turn) => [turn.id, randomUUID()]));
    const insertTurn = inserter(db, 'turns');
    for (const turn of turns) {
      const live = LIVE_TURN_STATUSES.has(String(turn.status));
      insertTurn({
        ...turn,
        id: turnIds.get(turn.id),
        thread_id: toThreadId,
        continues_turn_id: turn.continues_turn_id ? (turnIds.get(turn.continues_turn_id) ?? null) : null,
        status: live ? 'interrupted' : turn.status,
        // Resume data belongs to the original run; a copy has nothing to resume.
        run_state: null,
      });
    }
    const insertItem = inserter(db, 'items');
    for (const item of items) {
      insertItem({
        ...item,
        id: randomUUID(),
        thread_id: toThreadId,
        turn_id: turnIds.get(item.turn_id),
        status: LIVE_ITEM_STATUSES.has(String(item.status)) ? 'interrupted' : item.status,
      });
    }
    if (history) inserter(db, 'agent_conversations')({ ...history, thread_id: toThreadId });
    return items.length;
  });
  return copy();
}
