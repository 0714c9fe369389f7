import { useNotices, type HostNotice } from './notices-slice';

function NoticeItem({ notice }: { notice: HostNotice }) {
  const dismiss = useNotices((s) => s.dismissNotice);
  const actions = notice.actions ?? [];
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <div className="notice-text">
        <p>{notice.message}</p>
        {actions.length > 0 && (
          <details>
            <summary>Details ({actions.length})</summary>
            <ul>
              {actions.map((action, index) => (
                <li key={index}>{action.message}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notice"
        onClick={() => dismiss(notice.id)}
      >
        ×
      </button>
    </div>
  );
}

/** Messages the host pushed (e.g. what the start-up reconcile repaired), until dismissed. */
export function NoticesBanner() {
  const notices = useNotices((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-label="Host notices" role="region">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </div>
  );
}
