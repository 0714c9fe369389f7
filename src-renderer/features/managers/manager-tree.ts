import type { Manager, Thread, Worker } from '../../../src-shared/contract';

/** A sidebar row: a thread, and when it is a manager, its workers nested under it. */
export interface ThreadTreeRow {
  thread: Thread;
  workers: { thread: Thread; worker: Worker }[];
}

/**
 * Nests each manager's workers under it, keeping the threads' order. A worker whose manager is not
 * in the list (archived, or another project's) stays a top-level row, so no thread disappears.
 */
export function nestWorkers(threads: readonly Thread[], managers: Record<string, Manager>): ThreadTreeRow[] {
  const shown = new Set(threads.map((t) => t.id));
  const managerOf = new Map<string, string>();
  for (const manager of Object.values(managers)) {
    if (!shown.has(manager.threadId)) continue;
    for (const worker of manager.workers) {
      if (worker.threadId !== manager.threadId) managerOf.set(worker.threadId, manager.threadId);
    }
  }
  const byId = new Map(threads.map((t) => [t.id, t]));
  return threads
    .filter((thread) => !managerOf.has(thread.id))
    .map((thread) => ({
      thread,
      workers: (managers[thread.id]?.workers ?? []).flatMap((worker) => {
        const workerThread = byId.get(worker.threadId);
        return workerThread && managerOf.get(worker.threadId) === thread.id
          ? [{ thread: workerThread, worker }]
          : [];
      }),
    }));
}

/** The manager a thread works for, if the store knows one. */
export function managerOfWorker(managers: Record<string, Manager>, threadId: string): Manager | undefined {
  return Object.values(managers).find((m) => m.workers.some((w) => w.threadId === threadId));
}

/** The thread's manager panel target: itself when it manages, its manager when it works for one. */
export function managerFor(managers: Record<string, Manager>, threadId: string): Manager | undefined {
  return managers[threadId] ?? managerOfWorker(managers, threadId);
}
