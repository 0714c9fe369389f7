export type WaitOutcome = 'ready' | 'timed_out' | 'interrupted';

/**
 * Wakes waiting managers when a worker changes. A waiter re-checks its condition on every change of
 * its manager's workers; it also ends at its timeout, or at once when its turn is interrupted.
 */
export interface WorkerWaits {
  wait(
    managerThreadId: string,
    ready: () => boolean,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<WaitOutcome>;
  /** Something about the manager's workers changed: waiters look again. */
  changed(managerThreadId: string): void;
  /** Waits not yet ended (tests check that an interrupted turn leaves none behind). */
  count(): number;
  /** Ends every wait (the host is shutting down). */
  dispose(): void;
}

export function createWorkerWaits(): WorkerWaits {
  const waiters = new Map<string, Set<() => void>>();
  const enders = new Set<() => void>();

  return {
    wait(managerThreadId, ready, timeoutMs, signal) {
      if (signal?.aborted) return Promise.resolve('interrupted');
      if (ready()) return Promise.resolve('ready');
      return new Promise<WaitOutcome>((resolve) => {
        let set = waiters.get(managerThreadId);
        if (!set) waiters.set(managerThreadId, (set = new Set()));
        const own = set;
        const finish = (outcome: WaitOutcome) => {
          clearTimeout(timer);
          own.delete(check);
          if (own.size === 0 && waiters.get(managerThreadId) === own) waiters.delete(managerThreadId);
          enders.delete(end);
          signal?.removeEventListener('abort', abort);
          resolve(outcome);
        };
        const check = () => {
          if (ready()) finish('ready');
        };
        const abort = () => finish('interrupted');
        const end = () => finish('interrupted');
        const timer = setTimeout(() => finish('timed_out'), timeoutMs);
        own.add(check);
        enders.add(end);
        signal?.addEventListener('abort', abort, { once: true });
      });
    },
    changed(managerThreadId) {
      for (const check of [...(waiters.get(managerThreadId) ?? [])]) check();
    },
    count() {
      return enders.size;
    },
    dispose() {
      for (const end of [...enders]) end();
    },
  };
}
