import { useEffect, useState } from 'react';
import type { Manager } from '../../../src-shared/contract';
import { Modal, ModalActions } from '../../app/ui/modal';
import { useSession } from '../../lib/session';
import { usePanes } from '../layout/panes-slice';
import { ThreadStatusBadge } from '../threads/thread-status';
import { backendLabel } from '../threads/backend-labels';
import { useThreads } from '../threads/threads-slice';
import { GateSection } from './gate-section';
import { describeWorkerState, summarizeWorkers } from './manager-labels';
import { managerFor } from './manager-tree';
import { useManagers } from './managers-slice';
import './managers.css';

function WorkerList({ manager, onOpen }: { manager: Manager; onOpen: (threadId: string) => void }) {
  const threads = useThreads((s) => s.byId);
  if (manager.workers.length === 0) {
    return <p className="manager-empty">The manager has not started any worker yet.</p>;
  }
  return (
    <ul className="manager-workers" aria-label="Workers">
      {manager.workers.map((worker) => {
        const thread = threads[worker.threadId];
        const title = thread?.title ?? worker.threadId;
        const state = describeWorkerState(worker.state);
        return (
          <li key={worker.threadId} className="manager-worker" aria-label={`Worker ${title}`}>
            <div className="manager-worker-head">
              <strong className="manager-worker-title">{title}</strong>
              <span className={`status status-${state.tone}`}>
                <span className="status-dot" aria-hidden="true" />
                {state.label}
              </span>
              {thread && <ThreadStatusBadge status={thread.status} detail={thread.statusDetail} />}
              <span className="backend-badge">{backendLabel(worker.backend)}</span>
              <button
                type="button"
                className="button small"
                aria-label={`Open worker ${title}`}
                disabled={!thread}
                onClick={() => onOpen(worker.threadId)}
              >
                Open
              </button>
            </div>
            <p className="manager-worker-task">{worker.task}</p>
            {worker.summary && (
              <p className="manager-worker-summary">
                <span className="manager-label">Handed back:</span> {worker.summary}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A manager thread's workers, its gate and its levers; opened from its pane or its workers'. */
export function ManagerPanelDialog({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const client = useSession((s) => s.client);
  const manager = useManagers((s) => managerFor(s.byThread, threadId));
  const managerThread = useThreads((s) => (manager ? s.byId[manager.threadId] : undefined));
  const threads = useThreads((s) => s.byId);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.manager.get({ threadId }).then(
      (result) => {
        if (!cancelled && result.manager) useManagers.getState().upsert(result.manager);
        if (!cancelled && !result.manager)
          setError('This thread is not a manager thread nor one of its workers.');
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, threadId]);

  const titleOf = (id: string) => threads[id]?.title ?? id;
  const workerIds = manager?.workers.filter((w) => threads[w.threadId]).map((w) => w.threadId) ?? [];
  const open = (id: string) => {
    usePanes.getState().openBeside(id);
    onClose();
  };

  return (
    <Modal title={`Manager: ${managerThread?.title ?? 'thread'}`} onClose={onClose} size="wide">
      <div className="manager-panel">
        {manager ? (
          <>
            <div className="manager-summary-row">
              <p role="status">{summarizeWorkers(manager)}</p>
              <button
                type="button"
                className="button small"
                disabled={workerIds.length === 0}
                onClick={() => {
                  usePanes.getState().showSideBySide(workerIds);
                  onClose();
                }}
              >
                Show workers side by side
              </button>
            </div>
            {manager.doneSummary && (
              <p className="manager-done">
                <span className="manager-label">Done:</span> {manager.doneSummary}
              </p>
            )}
            <WorkerList manager={manager} onOpen={open} />
            <GateSection manager={manager} titleOf={titleOf} />
          </>
        ) : error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status">Loading the manager…</p>
        )}
      </div>
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}
