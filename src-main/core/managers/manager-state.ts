import {
  SkeinError,
  type Manager,
  type Thread,
  type Worker,
  type WorkerState,
} from '../../../src-shared/contract';
import { createManagerRows, type ManagerRows } from './manager-rows';
import type { ManagerServiceDeps } from './types';
import { createWorkerWaits, type WorkerWaits } from './worker-waits';

/** What the manager service's parts share: the rows, the waits, the live turns and the open spans. */
export interface ManagerState {
  deps: ManagerServiceDeps;
  rows: ManagerRows;
  waits: WorkerWaits;
  /** The running turn of each thread, from `turn/started` (spans name the turn they belong to). */
  runningTurns: Map<string, string>;
  /** A manager as the contract shows it; null when the thread is not one. */
  view(managerThreadId: string): Manager | null;
  /** Tells clients and waiting managers that a manager or one of its workers changed. */
  changed(managerThreadId: string): void;
  /** The manager's worker `workerThreadId`; a SkeinError when it is someone else's or nobody's. */
  ownWorker(managerThreadId: string, workerThreadId: string): Worker;
  setWorkerState(worker: Worker, state: WorkerState, summary?: string | null): Worker;
  /** The thread, or null when it was deleted. */
  threadOrNull(threadId: string): Thread | null;
  titleOf(threadId: string): string;
  /** Opens a worker's life span (if not open) / closes and records it. */
  openWorkerSpan(worker: Worker): void;
  closeWorkerSpan(worker: Worker, reason: string): void;
  /** Resolves when the thread is ready for a turn; rejects when its setup failed or it went away. */
  whenReady(threadId: string, signal?: AbortSignal): Promise<Thread>;
  /** Wakes `whenReady` waiters of a thread (its row changed). */
  threadChanged(threadId: string): void;
  dispose(): void;
}

/** A worktree plus setup normally takes seconds; a setup command that runs longer than this is stuck. */
const READY_TIMEOUT_MS = 10 * 60_000;

export function createManagerState(deps: ManagerServiceDeps): ManagerState {
  const rows = createManagerRows(deps.db);
  const waits = createWorkerWaits();
  const runningTurns = new Map<string, string>();
  const spans = new Map<string, number>();
  const readyWaiters = new Map<string, Set<() => void>>();

  const threadOrNull = (threadId: string): Thread | null => {
    try {
      return deps.threads.get(threadId);
    } catch {
      return null;
    }
  };

  const view = (managerThreadId: string): Manager | null => {
    const row = rows.manager(managerThreadId);
    if (!row) return null;
    return {
      threadId: row.threadId,
      projectId: row.projectId,
      workers: rows.workersOf(row.threadId),
      gate: row.gate,
      doneSummary: row.doneSummary,
    };
  };

  const state: ManagerState = {
    deps,
    rows,
    waits,
    runningTurns,
    view,
    changed(managerThreadId) {
      const manager = view(managerThreadId);
      if (manager) deps.publisher.publish('manager/updated', { manager });
      waits.changed(managerThreadId);
    },
    ownWorker(managerThreadId, workerThreadId) {
      const worker = rows.worker(workerThreadId);
      if (!worker || worker.managerThreadId !== managerThreadId) {
        throw new SkeinError(
          'NOT_FOUND',
          `${workerThreadId} is not one of your workers; use a thread_id that start_worker returned to you.`,
          { threadId: workerThreadId },
        );
      }
      return worker;
    },
    setWorkerState(worker, next, summary = worker.summary) {
      const now = Date.now();
      rows.setWorkerState(worker.threadId, next, summary, now);
      const updated = { ...worker, state: next, summary, updatedAt: now };
      state.changed(worker.managerThreadId);
      return updated;
    },
    threadOrNull,
    titleOf(threadId) {
      return threadOrNull(threadId)?.title ?? 'a removed thread';
    },
    openWorkerSpan(worker) {
      if (!spans.has(worker.threadId)) spans.set(worker.threadId, Date.now());
    },
    closeWorkerSpan(worker, reason) {
      const startedAt = spans.get(worker.threadId);
      if (startedAt === undefined) return;
      spans.delete(worker.threadId);
      deps.recordSpan?.({
        threadId: worker.managerThreadId,
        turnId: runningTurns.get(worker.managerThreadId) ?? null,
        kind: 'worker',
        name: `worker: ${state.titleOf(worker.threadId)}`,
        startedAt,
        endedAt: Date.now(),
        attributes: { workerThreadId: worker.threadId, backend: worker.backend, endedBy: reason },
      });
    },
    whenReady(threadId, signal) {
      return new Promise<Thread>((resolve, reject) => {
        const set = readyWaiters.get(threadId) ?? new Set<() => void>();
        readyWaiters.set(threadId, set);
        const finish = (error: Error | null, thread?: Thread) => {
          clearTimeout(timer);
          set.delete(check);
          if (set.size === 0) readyWaiters.delete(threadId);
          signal?.removeEventListener('abort', abort);
          if (error) reject(error);
          else if (thread) resolve(thread);
        };
        const check = () => {
          const thread = threadOrNull(threadId);
          if (!thread || thread.archivedAt !== null) {
            finish(
              new SkeinError('INVALID_STATE', 'The thread was archived or deleted before it was ready.'),
            );
          } else if (
            thread.status === 'setup_failed' ||
            thread.status === 'error' ||
            thread.status === 'missing'
          ) {
            const why = thread.statusDetail ? `: ${thread.statusDetail}` : '';
            finish(
              new SkeinError('INVALID_STATE', `The thread "${thread.title}" could not be set up${why}.`),
            );
          } else if (thread.status !== 'creating' && thread.status !== 'setting_up') {
            finish(null, thread);
          }
        };
        const abort = () =>
          finish(new SkeinError('INVALID_STATE', 'Interrupted before the thread was ready.'));
        const timer = setTimeout(
          () => finish(new SkeinError('INVALID_STATE', 'The thread took too long to be set up.')),
          READY_TIMEOUT_MS,
        );
        set.add(check);
        signal?.addEventListener('abort', abort, { once: true });
        check();
      });
    },
    threadChanged(threadId) {
      for (const check of [...(readyWaiters.get(threadId) ?? [])]) check();
    },
    dispose() {
      waits.dispose();
    },
  };
  return state;
}
