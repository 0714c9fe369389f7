import { useApprovals } from './approvals-slice';

/** The sidebar's way into the inbox, with the number of questions waiting. */
export function ApprovalsEntry() {
  const count = useApprovals((s) => Object.keys(s.pending).length);
  const open = useApprovals((s) => s.inboxOpen);
  return (
    <button
      type="button"
      className={`sidebar-entry${open ? ' active' : ''}`}
      aria-pressed={open}
      aria-label={count === 0 ? 'Approvals' : `Approvals (${count} waiting)`}
      onClick={() => useApprovals.getState().setInboxOpen(!open)}
    >
      <span className="sidebar-entry-label">Approvals</span>
      {count > 0 && (
        <span className="count-badge" aria-hidden="true">
          {count}
        </span>
      )}
    </button>
  );
}
