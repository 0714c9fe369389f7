import { useMemo } from 'react';
import { ApprovalCard } from './approval-card';
import { approvalsOfThread, useApprovals } from './approvals-slice';

/** A thread's pending approvals, shown in its conversation where the agent stopped. */
export function ThreadApprovals({ threadId }: { threadId: string }) {
  const pending = useApprovals((s) => s.pending);
  const approvals = useMemo(() => approvalsOfThread(pending, threadId), [pending, threadId]);
  if (approvals.length === 0) return null;
  return (
    <div className="thread-approvals">
      {approvals.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
    </div>
  );
}
