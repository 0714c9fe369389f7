import { randomUUID } from 'node:crypto';
import type { ApprovalDecision } from '../../../../src-shared/contract';
import type { ApprovalService } from '../../approvals';
import type { BackendApprovalRequest } from './types';

interface Waiting {
  turnId: string;
  answer(decision: ApprovalDecision): void;
}

/**
 * A backend's questions filed in Skein's approvals inbox, each holding the backend's promise until
 * `approval/respond` answers it (or the turn ends, which aborts it).
 */
export function createBackendApprovals(approvals: ApprovalService) {
  const waiting = new Map<string, Waiting>();

  return {
    ask(
      target: { threadId: string; turnId: string; itemId: string | null },
      request: BackendApprovalRequest,
    ): Promise<ApprovalDecision> {
      const approval = approvals.request({
        ...target,
        callId: request.backendItemId ?? randomUUID(),
        kind: request.kind,
        tool: request.tool,
        command: request.command,
        patch: request.patch,
        arguments: request.arguments,
        cwd: request.cwd,
        reason: request.reason,
        policyReason: request.policyReason,
        suggestedPrefix: request.suggestedPrefix,
      });
      return new Promise((resolve) => waiting.set(approval.id, { turnId: target.turnId, answer: resolve }));
    },

    /** Whether a backend waits on this approval (else it is the built-in agent's). */
    owns: (approvalId: string): boolean => waiting.has(approvalId),

    /** Hands the user's answer (already recorded in the inbox) to the waiting backend. */
    answer(approvalId: string, decision: ApprovalDecision): void {
      const entry = waiting.get(approvalId);
      if (!entry) return;
      waiting.delete(approvalId);
      entry.answer(decision);
    },

    /** The turn ended: its open questions are aborted in the inbox and for the backend. */
    abortTurn(turnId: string): void {
      for (const [approvalId, entry] of waiting) {
        if (entry.turnId !== turnId) continue;
        waiting.delete(approvalId);
        entry.answer('abort_turn');
      }
      approvals.abortTurn(turnId);
    },
  };
}

export type BackendApprovals = ReturnType<typeof createBackendApprovals>;
