/**
 * Runs `action` once events have been quiet for `quietMs`, and at the latest `maxWaitMs` after the
 * first of a burst, so a steady stream of events still yields a call now and then.
 */
export function createDebouncer(action: () => void, quietMs: number, maxWaitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let firstAt: number | undefined;
  const fire = () => {
    timer = undefined;
    firstAt = undefined;
    action();
  };
  return {
    trigger(): void {
      const now = Date.now();
      firstAt ??= now;
      clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
    },
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
      firstAt = undefined;
    },
  };
}
