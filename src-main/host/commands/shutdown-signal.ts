const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** 128 + SIGINT, the shell's convention for "interrupted". */
const FORCED_EXIT_CODE = 130;

export interface ShutdownSignal {
  /** Resolves with the signal's name the first time one arrives. */
  readonly received: Promise<string>;
  dispose(): void;
}

/** Catches the signals that ask a server to stop, so it can dispose the host and exit 0 instead of dying mid-write. */
export function listenForShutdown(): ShutdownSignal {
  let resolveReceived: (signal: string) => void = () => undefined;
  const received = new Promise<string>((resolve) => (resolveReceived = resolve));
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    // A second Ctrl-C means the graceful stop is taking too long for the user: leave now.
    if (count++ > 0) process.exit(FORCED_EXIT_CODE);
    resolveReceived(signal);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, handler);
  return {
    received,
    dispose() {
      for (const signal of SHUTDOWN_SIGNALS) process.off(signal, handler);
    },
  };
}
