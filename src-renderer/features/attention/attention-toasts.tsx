import { useState } from 'react';
import { askForNotifications, canAskForNotifications, openThread } from './attention-notify';
import { useAttention } from './attention-slice';
import './attention.css';

/** In-app notifications (a browser without system ones): open the thread, or dismiss. */
export function AttentionToasts() {
  const toasts = useAttention((s) => s.toasts);
  const dismiss = useAttention((s) => s.dismiss);
  const [askable, setAskable] = useState(canAskForNotifications);
  if (toasts.length === 0) return null;
  return (
    <section className="attention-toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`attention-toast attention-${toast.kind}`}
          role={toast.kind === 'needs-you' ? 'alert' : 'status'}
        >
          <p className="attention-title">{toast.title}</p>
          <p className="attention-body">{toast.body}</p>
          <div className="attention-actions">
            <button
              type="button"
              className="button small primary"
              onClick={() => {
                openThread(toast.threadId);
                dismiss(toast.id);
              }}
            >
              Open thread
            </button>
            <button type="button" className="button small" onClick={() => dismiss(toast.id)}>
              Dismiss
            </button>
            {askable && (
              <button
                type="button"
                className="link-button attention-ask"
                onClick={() => void askForNotifications().then(() => setAskable(canAskForNotifications()))}
              >
                Use system notifications
              </button>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}
