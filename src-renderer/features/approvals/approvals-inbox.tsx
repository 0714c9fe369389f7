import { useMemo } from 'react';
import { usePanes } from '../layout/panes-slice';
import { ApprovalCard } from './approval-card';
import { sortApprovals, useApprovals } from './approvals-slice';

/** Every pending approval of every thread in one place, oldest question first. */
export function ApprovalsInbox() {
  const pending = useApprovals((s) => s.pending);
  const close = () => useApprovals.getState().setInboxOpen(false);
  const approvals = useMemo(() => sortApprovals(pending), [pending]);

  return (
    <aside className="inbox" aria-label="Approvals inbox">
      <header className="inbox-header">
        <h2 className="inbox-title">Approvals</h2>
        <span className="inbox-count">
          {approvals.length === 0 ? 'none waiting' : `${approvals.length} waiting`}
        </span>
        <button type="button" className="icon-button" aria-label="Close approvals inbox" onClick={close}>
          ×
        </button>
      </header>
      <div className="inbox-scroll">
        {approvals.length === 0 && (
          <p className="inbox-empty">
            Nothing is waiting. When an agent asks before it acts, the question shows up here.
          </p>
        )}
        {approvals.map((approval) => (
          <div key={approval.id} className="inbox-entry">
            <ApprovalCard
              approval={approval}
              onOpenThread={() => usePanes.getState().open(approval.threadId)}
            />
          </div>
        ))}
      </div>
    </aside>
  );
}
