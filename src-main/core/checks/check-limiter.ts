/** Runs at most `concurrency` tasks at once, the rest in arrival order. */
export interface CheckLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting (tests, diagnostics). */
  readonly pending: number;
}

export function createCheckLimiter(concurrency: number): CheckLimiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (running >= concurrency) return;
    const start = waiting.shift();
    if (!start) return;
    running += 1;
    start();
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      });
    },
    get pending() {
      return running + waiting.length;
    },
  };
}
