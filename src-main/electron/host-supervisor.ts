import { ERROR_CODES } from '../../src-shared/contract/errors';
import { isSecretsRequest, secretsErrorFrame, secretsRequestSchema } from '../host/secrets/secrets-frames';
import type { HostLauncher, HostProcess } from './host-process';
import { createMainLogger } from './main-log';
import { DEFAULT_RESTART_BACKOFF, nextRestartDelay, type RestartBackoff } from './restart-backoff';
import type { SecretsHandler } from './secrets-handler';

const log = createMainLogger('supervisor');

export interface HostSupervisorOptions {
  launch: HostLauncher;
  backoff?: RestartBackoff;
  /** Answers the host's `secrets/*` requests (safeStorage); without it they are refused. */
  secrets?: SecretsHandler;
}

/**
 * Keeps one host running for the window. Frames pass through in both directions; when the host dies
 * it is started again after a backoff, and the window gets a `host/restarted` notification so it
 * re-fetches its state. Requests sent while no host runs are answered at once with an error.
 */
export interface HostSupervisor {
  start(): void;
  send(text: string): void;
  onFrame(listener: (text: string) => void): () => void;
  onRestarted(listener: (reason: string) => void): () => void;
  /** Stops the host for good (no restart); resolves when its process is gone. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

function requestIdOf(text: string): string | number | null {
  try {
    const message = JSON.parse(text) as { id?: unknown; method?: unknown };
    const id = message.id;
    return typeof message.method === 'string' && (typeof id === 'string' || typeof id === 'number')
      ? id
      : null;
  } catch {
    return null;
  }
}

function refuseSecrets(text: string): string | null {
  try {
    const { id } = secretsRequestSchema.parse(JSON.parse(text));
    return secretsErrorFrame(id, 'This app does not keep secrets for the host.');
  } catch {
    return null;
  }
}

export function createHostSupervisor(options: HostSupervisorOptions): HostSupervisor {
  const backoff = options.backoff ?? DEFAULT_RESTART_BACKOFF;
  const frameListeners = new Set<(text: string) => void>();
  const restartListeners = new Set<(reason: string) => void>();
  let current: HostProcess | null = null;
  let startedAt = 0;
  let lastDelay = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let pendingRestartReason: string | null = null;
  let started = false;
  let stopped = false;

  const emitFrame = (text: string): void => {
    for (const listener of frameListeners) listener(text);
  };

  /**
   * A host's `secrets/*` request is answered here and to that host only: it carries a key (or its
   * sealed form) and must never reach a window.
   */
  const answerSecrets = (host: HostProcess, text: string): void => {
    const reply = options.secrets ? options.secrets(text) : Promise.resolve(refuseSecrets(text));
    void reply.then((frame) => {
      if (frame !== null) host.channel.send(frame);
    });
  };

  const scheduleRestart = (reason: string, uptimeMs: number): void => {
    pendingRestartReason = reason;
    lastDelay = nextRestartDelay(lastDelay, uptimeMs, backoff);
    log.warn(`${reason} Restarting it in ${lastDelay} ms.`);
    restartTimer = setTimeout(launch, lastDelay);
  };

  const onExit = (host: HostProcess, description: string): void => {
    if (current !== host) return;
    current = null;
    if (stopped) return;
    scheduleRestart(`The Skein host ${description}.`, Date.now() - startedAt);
  };

  function launch(): void {
    restartTimer = null;
    if (stopped) return;
    let host: HostProcess;
    try {
      host = options.launch();
    } catch (error) {
      scheduleRestart(
        `The Skein host could not start (${error instanceof Error ? error.message : String(error)}).`,
        0,
      );
      return;
    }
    current = host;
    startedAt = Date.now();
    host.channel.onMessage((text) => {
      if (isSecretsRequest(text)) answerSecrets(host, text);
      else emitFrame(text);
    });
    void host.exited.then((description) => onExit(host, description));
    if (pendingRestartReason !== null) {
      const reason = pendingRestartReason;
      pendingRestartReason = null;
      emitFrame(JSON.stringify({ jsonrpc: '2.0', method: 'host/restarted', params: { reason } }));
      for (const listener of restartListeners) listener(reason);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      launch();
    },
    send(text) {
      if (current) {
        current.channel.send(text);
        return;
      }
      const id = requestIdOf(text);
      if (id === null) return;
      const error = {
        code: ERROR_CODES.INTERNAL,
        message: 'The Skein host is restarting; try again in a moment.',
        data: { kind: 'INTERNAL' },
      };
      // Answered asynchronously, like any real response, so callers never see a reply before send() returns.
      queueMicrotask(() => emitFrame(JSON.stringify({ jsonrpc: '2.0', id, error })));
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onRestarted(listener) {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
    async stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const host = current;
      current = null;
      await host?.stop();
    },
    get pid() {
      return current?.pid;
    },
  };
}
