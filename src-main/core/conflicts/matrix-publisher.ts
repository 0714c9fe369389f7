import type { ConflictMatrix } from '../../../src-shared/contract';
import { PUBLISH_COALESCE_MS } from './limits';

/** What clients compare: the matrix without its timestamps (a re-snapshot that found nothing new is no news). */
function signatureOf(matrix: ConflictMatrix): string {
  const { updatedAt: _updatedAt, ...content } = matrix;
  return JSON.stringify({
    ...content,
    threads: content.threads.map(({ takenAt: _takenAt, ...rest }) => rest),
  });
}

/**
 * Sends a project's matrix as `conflicts/updated`, coalesced (one notification per burst of cell
 * results) and only when it changed, and wakes whoever waits for the radar to settle.
 */
export function createMatrixPublisher(options: {
  matrix(): ConflictMatrix;
  publish(matrix: ConflictMatrix): void;
  /** Runs after each check that found nothing computing. */
  onIdle(): void;
}) {
  const waiters = new Set<(matrix: ConflictMatrix) => void>();
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  let disposed = false;

  const publishNow = () => {
    timer = undefined;
    if (disposed) return;
    const current = options.matrix();
    const signature = signatureOf(current);
    if (signature !== last) {
      last = signature;
      options.publish(current);
    }
    if (current.computing) return;
    for (const waiter of [...waiters]) waiter(current);
    waiters.clear();
    options.onIdle();
  };

  const schedule = () => {
    if (disposed || timer !== undefined) return;
    timer = setTimeout(publishNow, PUBLISH_COALESCE_MS);
  };

  return {
    schedule,
    /** Resolves with the matrix once nothing is computing, or with what there is after `timeoutMs`. */
    settled(timeoutMs: number): Promise<ConflictMatrix> {
      const now = options.matrix();
      if (!now.computing) return Promise.resolve(now);
      return new Promise((resolve) => {
        const timeout = setTimeout(() => {
          waiters.delete(done);
          resolve(options.matrix());
        }, timeoutMs);
        const done = (settled: ConflictMatrix) => {
          clearTimeout(timeout);
          resolve(settled);
        };
        waiters.add(done);
        schedule();
      });
    },
    dispose(): void {
      disposed = true;
      clearTimeout(timer);
      const current = options.matrix();
      for (const waiter of [...waiters]) waiter(current);
      waiters.clear();
    },
  };
}
