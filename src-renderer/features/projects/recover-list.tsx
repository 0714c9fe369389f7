import { useEffect, useState } from 'react';
import type { TrashEntry } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { usePanes } from '../layout/panes-slice';
import { reportError, useNotices } from '../notices/notices-slice';
import { useThreads } from '../threads/threads-slice';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Starts a new thread holding an entry's work and shows it. */
async function restoreAsThread(entry: TrashEntry): Promise<void> {
  const client = useSession.getState().client;
  if (!client) return;
  try {
    const thread = await client.api.trash.restore({ entryId: entry.id });
    useThreads.getState().upsert(thread);
    usePanes.getState().openBeside(thread.id);
    useNotices
      .getState()
      .pushToast('info', `Restored the work of ${entry.threadTitle} as “${thread.title}”.`);
  } catch (error) {
    reportError(error);
  }
}

/**
 * Work saved from deleted threads and replaced by reverts; each entry is a git ref the user can
 * restore into a new thread, or check out and cherry-pick by hand.
 */
export function RecoverList({ projectId }: { projectId: string }) {
  const [entries, setEntries] = useState<TrashEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  const client = useSession((s) => s.client);
  // Deleting or archiving a thread can add entries: refresh while the list is open.
  const threadsChanged = useThreads((s) =>
    Object.values(s.byId)
      .filter((t) => t.projectId === projectId)
      .map((t) => `${t.id}:${t.archivedAt ?? ''}`)
      .join(','),
  );

  useEffect(() => {
    if (!open || !client) return;
    let cancelled = false;
    client.api.trash.list({ projectId }).then(
      (result) => {
        if (!cancelled) setEntries(result.entries);
      },
      (error: unknown) => {
        if (!cancelled) reportError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open, client, projectId, threadsChanged]);

  const copy = async (ref: string) => {
    try {
      await navigator.clipboard.writeText(ref);
      useNotices.getState().pushToast('info', `Copied ${ref}`);
    } catch {
      useNotices
        .getState()
        .pushToast('error', 'Could not copy to the clipboard; select the ref and copy it by hand.');
    }
  };

  return (
    <details className="sidebar-fold" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Recover</summary>
      {entries === null ? (
        <p className="fold-empty">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="fold-empty">Nothing to recover.</p>
      ) : (
        <ul className="fold-list" aria-label="Recoverable work">
          {entries.map((entry) => (
            <li key={entry.id} className="recover-entry">
              <span className="fold-title">{entry.threadTitle}</span>
              <span className="recover-meta">
                {entry.reason} · {timeFormat.format(entry.createdAt)}
              </span>
              <span className="recover-ref">
                <code className="mono" title={entry.ref}>
                  {entry.ref}
                </code>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Copy ref of ${entry.threadTitle}`}
                  onClick={() => void copy(entry.ref)}
                >
                  Copy
                </button>
              </span>
              <button
                type="button"
                className="link-button recover-restore"
                aria-label={`Restore ${entry.threadTitle} as a new thread`}
                title="Start a new thread with this work in its worktree"
                onClick={() => void restoreAsThread(entry)}
              >
                Restore as new thread
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
