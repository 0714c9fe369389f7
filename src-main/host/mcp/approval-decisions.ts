import { z } from 'zod';
import type { ApprovalDecision } from '../../../src-shared/contract';

/** The decisions an MCP caller chooses from: the approvals contract's, in plainer words ("always allow a prefix" is GUI-only). */
export const MCP_DECISIONS = ['approve', 'approve_for_thread', 'decline', 'abort'] as const;
export const mcpDecisionSchema = z.enum(MCP_DECISIONS);
export type McpDecision = z.infer<typeof mcpDecisionSchema>;

const CONTRACT_DECISION: Record<McpDecision, ApprovalDecision> = {
  approve: 'approve_once',
  approve_for_thread: 'approve_for_thread',
  decline: 'decline',
  abort: 'abort_turn',
};

export function toContractDecision(decision: McpDecision): ApprovalDecision {
  return CONTRACT_DECISION[decision];
}

export const DECISION_LABELS: Record<McpDecision, string> = {
  approve: 'Approve once',
  approve_for_thread: 'Approve for this thread',
  decline: 'Decline (the agent is told)',
  abort: 'Abort the turn',
};
