import type { McpServerConfig } from '../../../../src-shared/contract';
import { createLogger } from '../../log';
import { MCP_CONNECT_TIMEOUT_MS, McpClientConnection } from './mcp-client-connection';
import { testMcpServer } from './mcp-server-test';
import { toToolInfo } from './managed-mcp-server';
import { clearTimers, keyOf, newEntry, settleWaiters, stateOf, type Entry } from './mcp-server-entry';
import type {
  ConnectedMcpServer,
  McpConnectFailure,
  McpManager,
  McpServerState,
  McpThreadReporter,
} from './types';

const log = createLogger('agents');

/**
 * How long a server no thread holds keeps running: a user who sends the next message within this
 * does not wait for it to start again (npx servers take seconds); an idle app holds no processes.
 */
export const MCP_IDLE_STOP_MS = 2 * 60_000;
/** Waits before restarting a crashed server, by how many crashes the last minute saw (like systemd's backoff). */
export const MCP_RESTART_BACKOFF_MS: readonly number[] = [500, 2_000, 5_000];
/** More crashes than this within `MCP_CRASH_WINDOW_MS` and the server is left `failed`: it is broken, not unlucky. */
export const MCP_MAX_CRASHES = 3;
export const MCP_CRASH_WINDOW_MS = 60_000;

export interface McpManagerOptions {
  idleStopMs?: number;
  connectTimeoutMs?: number;
  restartBackoffMs?: readonly number[];
  /**
   * The configuration a server is started with: settings hold references to sealed secrets in place
   * of env and header values (settings/mcp-secrets.ts), resolved only here, at the last moment.
   */
  unseal?: (config: McpServerConfig) => Promise<McpServerConfig>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createMcpManager(options: McpManagerOptions = {}): McpManager {
  const idleStopMs = options.idleStopMs ?? MCP_IDLE_STOP_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? MCP_CONNECT_TIMEOUT_MS;
  const backoff = options.restartBackoffMs ?? MCP_RESTART_BACKOFF_MS;
  const unseal = options.unseal ?? ((config: McpServerConfig) => Promise.resolve(config));
  const entries = new Map<string, Entry>();
  const listeners = new Set<(name: string) => void>();
  const reporters = new Set<McpThreadReporter>();
  /** Starts, stops and tests under way: `dispose` waits for every one. */
  const pending = new Set<Promise<unknown>>();
  let disposed = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
    return work;
  };

  const changed = (entry: Entry): void => {
    for (const listener of listeners) {
      try {
        listener(entry.config.name);
      } catch (error) {
        log.error('An MCP state listener failed', error);
      }
    }
  };

  const report = (entry: Entry, message: string): void => {
    for (const threadId of entry.holders) {
      for (const reporter of reporters) reporter(threadId, message);
    }
  };

  /** Starts the entry's server; a failure of a first start leaves it `failed`, of a restart to `crashed`. */
  const start = (entry: Entry, afterCrash: boolean): Promise<McpClientConnection> => {
    if (entry.starting) return entry.starting;
    if (entry.restartTimer) clearTimeout(entry.restartTimer);
    entry.restartTimer = null;
    const generation = ++entry.generation;
    entry.status = 'starting';
    changed(entry);
    const events = {
      lost: (reason: string) => crashed(entry, generation, reason),
      toolsChanged: () => void refreshTools(entry, generation),
    };
    const starting = unseal(entry.config)
      .then((config) => McpClientConnection.open(config, events, connectTimeoutMs))
      .then(
        async (connection) => {
          if (generation !== entry.generation || disposed) {
            await connection.close();
            throw new Error(`The MCP server "${entry.config.name}" was stopped while it started.`);
          }
          entry.starting = null;
          entry.connection = connection;
          try {
            entry.tools = (await connection.listTools()).map(toToolInfo);
          } catch (error) {
            log.warn(`The MCP server "${entry.config.name}" did not list its tools`, error);
          }
          // Stopped, or crashed already while listing: the caller's calls fail with the reason.
          if (generation !== entry.generation || entry.connection !== connection) return connection;
          entry.status = 'running';
          log.info(
            `Started the MCP server "${entry.config.name}"${connection.pid ? ` (pid ${connection.pid})` : ''}`,
          );
          settleWaiters(entry, connection);
          changed(entry);
          return connection;
        },
        (error: unknown) => {
          const message = messageOf(error);
          if (generation === entry.generation && !afterCrash) {
            entry.starting = null;
            entry.status = 'failed';
            entry.lastError = message;
            log.warn(`The MCP server "${entry.config.name}" could not start: ${message}`);
            settleWaiters(entry, new Error(message));
            changed(entry);
          } else if (generation === entry.generation) {
            entry.starting = null;
          }
          throw new Error(message);
        },
      );
    entry.starting = starting;
    return track(starting);
  };

  const refreshTools = async (entry: Entry, generation: number): Promise<void> => {
    if (generation !== entry.generation || !entry.connection) return;
    try {
      entry.tools = (await entry.connection.listTools()).map(toToolInfo);
      changed(entry);
    } catch (error) {
      log.warn(`The MCP server "${entry.config.name}" did not list its changed tools`, error);
    }
  };

  /** The server went away without us stopping it: tell its threads, restart it with backoff, or give up. */
  const crashed = (entry: Entry, generation: number, reason: string): void => {
    if (generation !== entry.generation || disposed) return;
    const name = entry.config.name;
    // What is left of it (an HTTP client, a process group member) goes; a restart opens anew.
    if (entry.connection) void track(entry.connection.close());
    entry.connection = null;
    entry.starting = null;
    entry.lastError = reason;
    const now = Date.now();
    entry.crashes = [...entry.crashes.filter((at) => now - at < MCP_CRASH_WINDOW_MS), now];
    log.warn(`The MCP server "${name}" crashed: ${reason}`);
    if (entry.holders.size === 0) {
      entry.status = 'stopped';
      settleWaiters(entry, new Error(`The MCP server "${name}" stopped. ${reason}`));
      changed(entry);
      return;
    }
    if (entry.crashes.length > MCP_MAX_CRASHES) {
      entry.status = 'failed';
      const message = `The MCP server "${name}" crashed ${entry.crashes.length} times within a minute; Skein stopped restarting it. Fix it, then restart it from the settings. ${reason}`;
      entry.lastError = message;
      report(entry, message);
      settleWaiters(entry, new Error(message));
      changed(entry);
      return;
    }
    const delay = backoff[Math.min(entry.crashes.length - 1, backoff.length - 1)] ?? 0;
    entry.status = 'crashed';
    report(
      entry,
      `The MCP server "${name}" stopped unexpectedly; Skein restarts it in ${delay / 1000} s. ${reason}`,
    );
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = null;
      void restartAfterCrash(entry);
    }, delay);
    changed(entry);
  };

  const restartAfterCrash = async (entry: Entry): Promise<void> => {
    if (disposed || entry.status !== 'crashed') return;
    if (entry.holders.size === 0) {
      entry.status = 'stopped';
      settleWaiters(entry, new Error(`The MCP server "${entry.config.name}" stopped.`));
      changed(entry);
      return;
    }
    const generation = entry.generation + 1;
    try {
      await start(entry, true);
      report(entry, `The MCP server "${entry.config.name}" is running again.`);
    } catch (error) {
      crashed(entry, generation, messageOf(error));
    }
  };

  /** Stops the entry's server now and waits until it is gone. */
  const stop = async (entry: Entry): Promise<void> => {
    clearTimers(entry);
    entry.generation++;
    const connection = entry.connection;
    const starting = entry.starting;
    entry.connection = null;
    entry.starting = null;
    const wasStopped = entry.status === 'stopped';
    entry.status = 'stopped';
    settleWaiters(entry, new Error(`The MCP server "${entry.config.name}" was stopped.`));
    if (!wasStopped) changed(entry);
    if (connection) await track(connection.close());
    // A start under way closes what it opened when it finds itself stale.
    if (starting) await starting.catch(() => undefined);
  };

  /** A connection for a call: waits while the server starts or restarts. */
  const live = (entry: Entry): Promise<McpClientConnection> => {
    if (disposed) return Promise.reject(new Error('Skein is shutting down.'));
    if (entry.status === 'running' && entry.connection) return Promise.resolve(entry.connection);
    if (entry.status === 'failed') {
      return Promise.reject(new Error(entry.lastError ?? `The MCP server "${entry.config.name}" failed.`));
    }
    if (entry.status === 'crashed') {
      return new Promise((resolve, reject) => entry.waiters.push({ resolve, reject }));
    }
    return start(entry, false);
  };

  const entryFor = (config: McpServerConfig): Entry => {
    const key = keyOf(config);
    const existing = entries.get(key);
    if (existing) return existing;
    const entry = newEntry(key, config, () => live(entry));
    entries.set(key, entry);
    return entry;
  };

  const releaseOne = (entry: Entry, threadId: string): void => {
    if (!entry.holders.delete(threadId)) return;
    changed(entry);
    if (entry.holders.size > 0 || entry.idleTimer || disposed) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.holders.size === 0 && entry.status !== 'stopped' && entry.status !== 'failed') {
        log.info(
          `Stopping the MCP server "${entry.config.name}": no thread used it for ${idleStopMs / 1000} s`,
        );
        void stop(entry);
      }
    }, idleStopMs);
  };

  const acquireOne = async (threadId: string, entry: Entry): Promise<ConnectedMcpServer> => {
    entry.holders.add(threadId);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    // A failed server gets a new chance with every turn that needs it: the user may have fixed it.
    if (entry.status === 'failed') {
      entry.status = 'stopped';
      entry.crashes = [];
    }
    changed(entry);
    try {
      await live(entry);
      return { name: entry.config.name, server: entry.server };
    } catch (error) {
      releaseOne(entry, threadId);
      throw error;
    }
  };

  return {
    async acquire(threadId, configs) {
      if (disposed) return { servers: [], failures: [] };
      const wanted = new Set(configs.map(keyOf));
      for (const entry of entries.values()) {
        if (!wanted.has(entry.key)) releaseOne(entry, threadId);
      }
      const settled = await Promise.allSettled(
        configs.map((config) => acquireOne(threadId, entryFor(config))),
      );
      const servers: ConnectedMcpServer[] = [];
      const failures: McpConnectFailure[] = [];
      settled.forEach((result, index) => {
        if (result.status === 'fulfilled') servers.push(result.value);
        else failures.push({ name: configs[index]?.name ?? '?', message: messageOf(result.reason) });
      });
      return { servers, failures };
    },

    release(threadId) {
      for (const entry of entries.values()) releaseOne(entry, threadId);
    },

    state(config): McpServerState {
      return stateOf(entries.get(keyOf(config)));
    },

    test(config) {
      if (disposed) return Promise.resolve({ ok: false, message: 'Skein is shutting down.' });
      return track(testMcpServer(config, connectTimeoutMs));
    },

    async restart(config) {
      const entry = entries.get(keyOf(config));
      if (!entry) return;
      await stop(entry);
      entry.crashes = [];
      entry.lastError = null;
      changed(entry);
      if (entry.holders.size > 0 && !disposed) await start(entry, false).catch(() => undefined);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    addReporter(reporter) {
      reporters.add(reporter);
      return () => reporters.delete(reporter);
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      await Promise.allSettled([...entries.values()].map((entry) => stop(entry)));
      while (pending.size > 0) await Promise.allSettled([...pending]);
      listeners.clear();
      reporters.clear();
    },
  };
}
