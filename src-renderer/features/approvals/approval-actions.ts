import type { ApprovalDecision } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { useApprovals } from './approvals-slice';

/** Answers an approval; the answer is taken off the list at once (`approval/resolved` confirms it). */
export async function respondToApproval(
  approvalId: string,
  decision: ApprovalDecision,
  message?: string,
): Promise<void> {
  const trimmed = message?.trim();
  const { approval } = await requireClient().api.approval.respond({
    approvalId,
    decision,
    ...(trimmed ? { message: trimmed } : {}),
  });
  if (approval.status !== 'pending') useApprovals.getState().resolved(approval.id);
}
