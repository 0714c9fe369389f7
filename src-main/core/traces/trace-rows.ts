import type { SqliteDatabase } from '../store';

/** The transcript tables as the trace reads them (owned by the agent runtime and approvals). */
export interface TurnRow {
  id: string;
  thread_id: string;
  seq: number;
  status: string;
  provider: string;
  model: string;
  started_at: number;
  completed_at: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  error: string | null;
}

export interface ItemRow {
  id: string;
  turn_id: string;
  kind: string;
  status: string;
  started_at: number;
  completed_at: number | null;
  data_json: string;
}

export interface ApprovalRow {
  id: string;
  turn_id: string;
  item_id: string | null;
  kind: string;
  tool: string;
  request_json: string;
  status: string;
  decision: string | null;
  created_at: number;
  resolved_at: number | null;
}

export interface ProjectTurnRow extends TurnRow {
  model_calls: number;
}

const TURN_COLUMNS = `t.id, t.thread_id, t.seq, t.status, t.provider, t.model, t.started_at, t.completed_at,
  t.input_tokens, t.output_tokens, t.cached_tokens, t.reasoning_tokens, t.cost_usd, t.error`;

/** Items that stand for something the agent ran or that are the conversation's text. */
const TRACED_ITEM_KINDS = `('command', 'file_change', 'tool_call', 'user_message', 'agent_message')`;

export function createTraceRows(db: SqliteDatabase) {
  const turnsOfThread = db.prepare<[string], TurnRow>(
    `SELECT ${TURN_COLUMNS} FROM turns t WHERE t.thread_id = ? ORDER BY t.seq`,
  );
  const turnById = db.prepare<[string], TurnRow>(`SELECT ${TURN_COLUMNS} FROM turns t WHERE t.id = ?`);
  const itemsOfThread = db.prepare<[string], ItemRow>(
    `SELECT id, turn_id, kind, status, started_at, completed_at, data_json FROM items
     WHERE thread_id = ? AND kind IN ${TRACED_ITEM_KINDS} ORDER BY seq`,
  );
  const itemsOfTurn = db.prepare<[string], ItemRow>(
    `SELECT id, turn_id, kind, status, started_at, completed_at, data_json FROM items
     WHERE turn_id = ? AND kind IN ${TRACED_ITEM_KINDS} ORDER BY seq`,
  );
  const approvalsOfThread = db.prepare<[string], ApprovalRow>(
    `SELECT id, turn_id, item_id, kind, tool, request_json, status, decision, created_at, resolved_at
     FROM approvals WHERE thread_id = ? ORDER BY created_at`,
  );
  const approvalsOfTurn = db.prepare<[string], ApprovalRow>(
    `SELECT id, turn_id, item_id, kind, tool, request_json, status, decision, created_at, resolved_at
     FROM approvals WHERE turn_id = ? ORDER BY created_at`,
  );
  const turnsSince = db.prepare<[number], ProjectTurnRow>(
    `SELECT ${TURN_COLUMNS},
       (SELECT COUNT(*) FROM trace_spans s WHERE s.turn_id = t.id AND s.kind = 'model_call') AS model_calls
     FROM turns t WHERE t.started_at >= ? ORDER BY t.started_at`,
  );
  const projectTurnsSince = db.prepare<[string, number], ProjectTurnRow>(
    `SELECT ${TURN_COLUMNS},
       (SELECT COUNT(*) FROM trace_spans s WHERE s.turn_id = t.id AND s.kind = 'model_call') AS model_calls
     FROM turns t JOIN threads th ON th.id = t.thread_id
     WHERE th.project_id = ? AND t.started_at >= ? ORDER BY t.started_at`,
  );
  const projectOf = db.prepare<[string], { project_id: string }>(
    'SELECT project_id FROM threads WHERE id = ?',
  );
  return {
    turnsOfThread: (threadId: string) => turnsOfThread.all(threadId),
    turn: (turnId: string) => turnById.get(turnId) ?? null,
    itemsOfThread: (threadId: string) => itemsOfThread.all(threadId),
    itemsOfTurn: (turnId: string) => itemsOfTurn.all(turnId),
    approvalsOfThread: (threadId: string) => approvalsOfThread.all(threadId),
    approvalsOfTurn: (turnId: string) => approvalsOfTurn.all(turnId),
    turnsSince: (since: number, projectId?: string) =>
      projectId === undefined ? turnsSince.all(since) : projectTurnsSince.all(projectId, since),
    projectOf: (threadId: string) => projectOf.get(threadId)?.project_id ?? null,
  };
}

export type TraceRows = ReturnType<typeof createTraceRows>;
