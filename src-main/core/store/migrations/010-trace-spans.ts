import type { Migration } from '../migration';

/**
 * Spans only the host sees as they happen: model calls (measured at the model boundary) and the
 * handoffs and worker threads orchestration records. Turns, tool calls and approvals are read from
 * `turns`, `items` and `approvals` when a trace is asked for, so nothing is stored twice.
 */
export const migration010: Migration = {
  version: 10,
  name: 'trace spans',
  sql: `
    CREATE TABLE trace_spans (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      turn_id TEXT REFERENCES turns(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('model_call', 'handoff', 'worker')),
      name TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      first_token_at INTEGER,
      input_tokens INTEGER,
      cached_tokens INTEGER,
      output_tokens INTEGER,
      reasoning_tokens INTEGER,
      cost_usd REAL,
      error TEXT,
      attributes_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX trace_spans_by_thread ON trace_spans(thread_id, started_at);
    CREATE INDEX trace_spans_by_turn ON trace_spans(turn_id);
  `,
};
