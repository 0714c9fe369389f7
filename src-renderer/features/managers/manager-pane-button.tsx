import { useDialogs } from '../../app/dialogs-slice';
import { describeGate } from './manager-labels';
import { managerFor } from './manager-tree';
import { useManagers } from './managers-slice';

/** In a manager's (or a worker's) pane header: its workers and gate. */
export function ManagerPaneButton({ threadId }: { threadId: string }) {
  const manager = useManagers((s) => managerFor(s.byThread, threadId));
  if (!manager) return null;
  const own = manager.threadId === threadId;
  return (
    <button
      type="button"
      className="button small"
      aria-label={own ? 'Workers and gate' : 'Manager of this worker'}
      title={`${manager.workers.length} workers · ${describeGate(manager.gate).label}`}
      onClick={() => useDialogs.getState().show({ kind: 'manager-panel', threadId: manager.threadId })}
    >
      {own ? `Workers (${manager.workers.length})` : 'Manager…'}
    </button>
  );
}
