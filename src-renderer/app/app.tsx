import { ApprovalsInbox } from '../features/approvals/approvals-inbox';
import { useApprovals } from '../features/approvals/approvals-slice';
import { PaneArea } from '../features/layout/pane-area';
import { NoticesBanner } from '../features/notices/notices-banner';
import { AttentionToasts } from '../features/attention/attention-toasts';
import { Toasts } from '../features/notices/toasts';
import { useSession } from '../lib/session';
import { ConnectionBanner } from './connection-banner';
import { DialogHost } from './dialog-host';
import { EmptyMain } from './empty-main';
import { useGlobalShortcuts } from './shortcuts';
import { Sidebar } from './sidebar';

export function App() {
  useGlobalShortcuts();
  const status = useSession((s) => s.status);
  const inboxOpen = useApprovals((s) => s.inboxOpen);
  return (
    <div className={inboxOpen ? 'app with-inbox' : 'app'}>
      <Sidebar />
      <main className="main" aria-label="Threads">
        <ConnectionBanner />
        <NoticesBanner />
        <div className="pane-area">
          {status === 'connecting' ? (
            <p className="main-empty" role="status">
              Connecting to the Skein host…
            </p>
          ) : (
            <PaneArea empty={<EmptyMain />} />
          )}
        </div>
      </main>
      {inboxOpen && <ApprovalsInbox />}
      <DialogHost />
      <Toasts />
      <AttentionToasts />
    </div>
  );
}
