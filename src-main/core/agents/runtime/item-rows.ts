import { itemSchema, type Item } from '../../../../src-shared/contract';
import type { SqliteDatabase } from '../../store';

interface ItemRow {
  id: string;
  thread_id: string;
  turn_id: string;
  seq: number;
  kind: string;
  status: string;
  call_id: string | null;
  started_at: number;
  completed_at: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  data_json: string;
}

/** The columns every item has; the rest (text, command, diff…) is the kind's data, kept as JSON. */
const COLUMNS = new Set([
  'id',
  'threadId',
  'turnId',
  'seq',
  'kind',
  'status',
  'startedAt',
  'completedAt',
  'inputTokens',
  'outputTokens',
  'costUsd',
]);

function toItem(row: ItemRow): Item {
  const data = JSON.parse(row.data_json) as Record<string, unknown>;
  return itemSchema.parse({
    ...data,
    id: row.id,
    threadId: row.thread_id,
    turnId: row.turn_id,
    seq: row.seq,
    kind: row.kind,
    status: row.status,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
  });
}

export interface ItemRecord {
  item: Item;
  callId: string | null;
}

export function createItemRows(db: SqliteDatabase) {
  const upsert = db.prepare(
    `INSERT INTO items (id, thread_id, turn_id, seq, kind, status, call_id, started_at, completed_at,
       input_tokens, output_tokens, cost_usd, data_json)
     VALUES (@id, @threadId, @turnId, @seq, @kind, @status, @callId, @startedAt, @completedAt,
       @inputTokens, @outputTokens, @costUsd, @dataJson)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, completed_at = excluded.completed_at,
       input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
       cost_usd = excluded.cost_usd, data_json = excluded.data_json`,
  );
  const ofThread = db.prepare<[string], ItemRow>('SELECT * FROM items WHERE thread_id = ? ORDER BY seq');
  const ofTurn = db.prepare<[string], ItemRow>('SELECT * FROM items WHERE turn_id = ? ORDER BY seq');
  const maxSeq = db.prepare<[string], { seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM items WHERE thread_id = ?',
  );
  const byCall = db.prepare<[string, string], ItemRow>(
    'SELECT * FROM items WHERE turn_id = ? AND call_id = ? LIMIT 1',
  );
  const interruptOpen = db.prepare(
    // Never before the item started: the host may come back with a clock set earlier than the crashed one.
    `UPDATE items SET status = 'interrupted', completed_at = MAX(@now, started_at) WHERE turn_id = @turnId AND status = 'in_progress'`,
  );

  return {
    write(record: ItemRecord): void {
      const data: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record.item)) if (!COLUMNS.has(key)) data[key] = value;
      upsert.run({ ...record.item, callId: record.callId, dataJson: JSON.stringify(data) });
    },
    ofThread: (threadId: string): Item[] => ofThread.all(threadId).map(toItem),
    ofTurn: (turnId: string): Item[] => ofTurn.all(turnId).map(toItem),
    nextSeq: (threadId: string): number => (maxSeq.get(threadId)?.seq ?? 0) + 1,
    /** Items of a turn still in progress that stand for a tool call (a turn resumed after an approval). */
    openCalls(turnId: string): ItemRecord[] {
      return ofTurn
        .all(turnId)
        .filter((row) => row.status === 'in_progress' && row.call_id !== null)
        .map((row) => ({ item: toItem(row), callId: row.call_id }));
    },
    byCall(turnId: string, callId: string): Item | null {
      const row = byCall.get(turnId, callId);
      return row ? toItem(row) : null;
    },
    interruptOpen: (turnId: string): number => interruptOpen.run({ turnId, now: Date.now() }).changes,
  };
}

export type ItemRows = ReturnType<typeof createItemRows>;
