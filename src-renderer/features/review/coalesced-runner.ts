/**
 * Runs an async task so that calls arriving while it runs collapse into one more run afterwards:
 * a burst of `review/changed` costs at most two fetches, and the last one sees the final state.
 */
export interface CoalescedRunner {
  run: () => void;
  /** No further runs start; one in flight finishes on its own. */
  dispose: () => void;
}

export function createCoalescedRunner(
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): CoalescedRunner {
  let running = false;
  let pending = false;
  let disposed = false;
  const loop = async () => {
    running = true;
    try {
      while (pending && !disposed) {
        pending = false;
        try {
          await task();
        } catch (error) {
          if (!disposed) onError(error);
        }
      }
    } finally {
      running = false;
    }
  };
  return {
    run() {
      if (disposed) return;
      pending = true;
      if (!running) void loop();
    },
    dispose() {
      disposed = true;
    },
  };
}
