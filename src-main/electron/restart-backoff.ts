/**
 * When to restart a host that died. Quick at first (a one-off crash costs half a second), slower
 * while it keeps dying (a broken install must not spin a CPU core), and forgiven once it has run a while.
 */
export interface RestartBackoff {
  initialMs: number;
  maxMs: number;
  /** A host that stayed up this long is healthy again: the next crash restarts at `initialMs`. */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = {
  initialMs: 500,
  maxMs: 10_000,
  resetAfterMs: 60_000,
};

/** The delay before the next start, given the previous delay (0 if none yet) and how long the host ran. */
export function nextRestartDelay(previousDelayMs: number, uptimeMs: number, policy: RestartBackoff): number {
  if (previousDelayMs === 0 || uptimeMs >= policy.resetAfterMs) return policy.initialMs;
  return Math.min(previousDelayMs * 2, policy.maxMs);
}
