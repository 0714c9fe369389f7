import type { Approval, ApprovalDecision } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

/** What an approval asks, stored as JSON next to its status. */
export interface ApprovalRequest {
  threadId: string;
  turnId: string;
  itemId: string | null;
  callId: string;
  kind: Approval['kind'];
  tool: string;
  command: string | null;
  patch: string | null;
  arguments: string;
  cwd: string;
  reason: string | null;
  policyReason: string;
  suggestedPrefix: string[] | null;
}

interface ApprovalRow {
  id: string;
  thread_id: string;
  turn_id: string;
  item_id: string | null;
  call_id: string;
  kind: string;
  tool: string;
  request_json: string;
  status: string;
  decision: string | null;
  created_at: number;
  resolved_at: number | null;
  answer_message: string | null;
}

type StoredRequest = Pick<
  ApprovalRequest,
  'command' | 'patch' | 'arguments' | 'cwd' | 'reason' | 'policyReason' | 'suggestedPrefix'
>;

/** An approval as the host keeps it: the public shape plus the model's call id and the answer's words. */
function toApproval(row: ApprovalRow): Approval & { callId: string; answerMessage: string | null } {
  const request = JSON.parse(row.request_json) as StoredRequest;
  return {
    id: row.id,
    threadId: row.thread_id,
    turnId: row.turn_id,
    itemId: row.item_id,
    callId: row.call_id,
    answerMessage: row.answer_message,
    kind: row.kind as Approval['kind'],
    tool: row.tool,
    command: request.command,
    patch: request.patch,
    arguments: request.arguments,
    cwd: request.cwd,
    reason: request.reason,
    policyReason: request.policyReason,
    suggestedPrefix: request.suggestedPrefix,
    status: row.status as Approval['status'],
    decision: row.decision as ApprovalDecision | null,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export type StoredApproval = ReturnType<typeof toApproval>;

export function createApprovalRows(db: SqliteDatabase) {
  const insert = db.prepare(
    `INSERT INTO approvals (id, thread_id, turn_id, item_id, call_id, kind, tool, request_json, status, created_at)
     VALUES (@id, @threadId, @turnId, @itemId, @callId, @kind, @tool, @requestJson, 'pending', @createdAt)`,
  );
  const byId = db.prepare<[string], ApprovalRow>('SELECT * FROM approvals WHERE id = ?');
  const pendingAll = db.prepare<[], ApprovalRow>(
    `SELECT a.* FROM approvals a JOIN threads t ON t.id = a.thread_id
     WHERE a.status = 'pending' AND t.deleted_at IS NULL ORDER BY a.created_at, a.rowid`,
  );
  const pendingOfThread = db.prepare<[string], ApprovalRow>(
    `SELECT * FROM approvals WHERE status = 'pending' AND thread_id = ? ORDER BY created_at, rowid`,
  );
  const ofTurn = db.prepare<[string], ApprovalRow>(
    'SELECT * FROM approvals WHERE turn_id = ? ORDER BY created_at, rowid',
  );
  const resolve = db.prepare(
    `UPDATE approvals SET status = @status, decision = @decision, resolved_at = @resolvedAt,
       answer_message = @message WHERE id = @id AND status = 'pending'`,
  );

  return {
    insert(id: string, request: ApprovalRequest, createdAt: number): StoredApproval {
      const stored: StoredRequest = {
        command: request.command,
        patch: request.patch,
        arguments: request.arguments,
        cwd: request.cwd,
        reason: request.reason,
        policyReason: request.policyReason,
        suggestedPrefix: request.suggestedPrefix,
      };
      insert.run({ ...request, id, requestJson: JSON.stringify(stored), createdAt });
      return toApproval(byId.get(id) as ApprovalRow);
    },
    get(id: string): StoredApproval | null {
      const row = byId.get(id);
      return row ? toApproval(row) : null;
    },
    pending(threadId?: string): StoredApproval[] {
      return (threadId ? pendingOfThread.all(threadId) : pendingAll.all()).map(toApproval);
    },
    ofTurn(turnId: string): StoredApproval[] {
      return ofTurn.all(turnId).map(toApproval);
    },
    /** False when it was no longer pending (answered twice, or from two windows). */
    resolve(
      id: string,
      status: Approval['status'],
      decision: ApprovalDecision | null,
      resolvedAt: number,
      message: string | null = null,
    ): boolean {
      return resolve.run({ id, status, decision, resolvedAt, message }).changes === 1;
    },
  };
}

export type ApprovalRows = ReturnType<typeof createApprovalRows>;
