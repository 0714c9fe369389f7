import type { Thread } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { unarchiveThread } from './thread-actions';

export function ArchivedThreads({ threads }: { threads: Thread[] }) {
  const show = useDialogs((s) => s.show);
  if (threads.length === 0) return null;
  return (
    <details className="sidebar-fold">
      <summary>Archived ({threads.length})</summary>
      <ul className="fold-list" aria-label="Archived threads">
        {threads.map((thread) => (
          <li key={thread.id} className="fold-row">
            <span className="fold-title" title={thread.branch}>
              {thread.title}
            </span>
            <button
              type="button"
              className="link-button"
              aria-label={`Unarchive ${thread.title}`}
              onClick={() => void unarchiveThread(thread.id)}
            >
              Unarchive
            </button>
            <button
              type="button"
              className="link-button danger"
              aria-label={`Delete ${thread.title}`}
              onClick={() => show({ kind: 'delete-thread', threadId: thread.id })}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
