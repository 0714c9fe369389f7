import type { NotificationName, RpcClient } from '../../../src-shared/contract';

export interface WatchOptions<T> {
  rpc: RpcClient;
  /** Notifications after which `check` runs again (when `relevant` says they concern what is watched). */
  notifications: readonly NotificationName[];
  relevant(name: NotificationName, params: unknown): boolean;
  /** Asks the host; an answer other than undefined ends the watch. */
  check(): Promise<T | undefined>;
  signal: AbortSignal;
  /** Called for every relevant notification (progress reports). */
  onEvent?(name: NotificationName, params: unknown): void;
  /** After `ms` the watch ends with what `result` gives (or throws). */
  timeout?: { ms: number; result(): T | Promise<T> };
  /** The rejection when the caller cancels. */
  cancelled: string;
}

/**
 * Resolves once `check` answers, asking at once and again after each relevant notification. The state
 * lives in the host, so every check is a request; checks never overlap, and a notification that arrives
 * during one makes it run once more. Subscribing before the first check means no change slips between.
 */
export function watchUntil<T>(options: WatchOptions<T>): Promise<T> {
  const { rpc, signal } = options;
  return new Promise<T>((resolve, reject) => {
    const unsubscribers: (() => void)[] = [];
    let done = false;
    let running = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const fail = (error: unknown) =>
      finish(() => reject(error instanceof Error ? error : new Error(String(error))));
    const onAbort = () => fail(new Error(options.cancelled));

    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const answer = await options.check();
          if (answer !== undefined) return finish(() => resolve(answer));
        } while (again && !done);
      } catch (error) {
        fail(error);
      } finally {
        running = false;
      }
    };

    for (const name of options.notifications) {
      unsubscribers.push(
        rpc.on(name, (params: unknown) => {
          if (done || !options.relevant(name, params)) return;
          options.onEvent?.(name, params);
          void run();
        }),
      );
    }
    unsubscribers.push(
      rpc.onClose((reason) =>
        fail(new Error(`The connection to the Skein host closed (${reason ?? 'closed'}).`)),
      ),
    );
    const { timeout } = options;
    if (timeout) {
      timer = setTimeout(() => {
        Promise.resolve()
          .then(() => timeout.result())
          .then((value) => finish(() => resolve(value)), fail);
      }, timeout.ms);
    }
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) return onAbort();
    void run();
  });
}
