import { Fragment, useMemo } from 'react';
import type { Thread } from '../../../src-shared/contract';
import { ThreadRow } from '../threads/thread-row';
import { describeWorkerState } from './manager-labels';
import { nestWorkers } from './manager-tree';
import { useManagers } from './managers-slice';
import './managers.css';

/** A project's live threads, each manager with its workers nested under it. */
export function ThreadTreeList({ threads, label }: { threads: Thread[]; label: string }) {
  const managers = useManagers((s) => s.byThread);
  const rows = useMemo(() => nestWorkers(threads, managers), [threads, managers]);
  return (
    <ul className="thread-list" aria-label={label}>
      {rows.map(({ thread, workers }) => (
        <Fragment key={thread.id}>
          <ThreadRow
            thread={thread}
            badge={thread.id in managers ? <span className="manager-badge">Manager</span> : undefined}
          />
          {workers.length > 0 && (
            // A nested list in its own item, so the manager's row highlight does not cover its workers.
            <li className="worker-branch">
              <ul className="thread-list worker-list" aria-label={`Workers of ${thread.title}`}>
                {workers.map(({ thread: workerThread, worker }) => {
                  const state = describeWorkerState(worker.state);
                  return (
                    <ThreadRow
                      key={workerThread.id}
                      thread={workerThread}
                      badge={
                        <span className={`status status-${state.tone} worker-state`}>
                          <span className="sr-only">Worker: </span>
                          {state.label}
                        </span>
                      }
                    />
                  );
                })}
              </ul>
            </li>
          )}
        </Fragment>
      ))}
    </ul>
  );
}
