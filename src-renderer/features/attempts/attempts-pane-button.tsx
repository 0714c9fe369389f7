import { useDialogs } from '../../app/dialogs-slice';
import { groupOfThread, useAttempts } from './attempts-slice';

/** In an attempt's pane header: back to the compare view of its group. */
export function AttemptsPaneButton({ threadId }: { threadId: string }) {
  const group = useAttempts((s) => groupOfThread(s.byId, threadId));
  if (!group) return null;
  const attempt = group.attempts.find((a) => a.thread.id === threadId);
  return (
    <button
      type="button"
      className="button small"
      aria-label={`Compare attempts: ${group.title}`}
      title={`Attempt ${attempt?.index ?? ''} of ${group.attempts.length}: compare them all`}
      onClick={() => useDialogs.getState().show({ kind: 'attempt-compare', groupId: group.id })}
    >
      Attempts ({attempt?.index ?? '?'}/{group.attempts.length})
    </button>
  );
}
