import { useSession } from '../lib/session';

/** Says when the host is out of reach; the session keeps retrying with backoff. */
export function ConnectionBanner() {
  const status = useSession((s) => s.status);
  const lastError = useSession((s) => s.lastError);
  if (status !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>Reconnecting to the Skein host…</span>
      {lastError && <span className="connection-detail">{lastError}</span>}
    </div>
  );
}
