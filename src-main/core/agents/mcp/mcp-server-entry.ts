import type { McpServerConfig, McpServerStatus, McpToolInfo } from '../../../../src-shared/contract';
import type { McpClientConnection } from './mcp-client-connection';
import { ManagedMcpServer } from './managed-mcp-server';
import type { McpServerState } from './types';

/** What the manager keeps of one configuration: its status, its live connection, who holds it. */
export interface Entry {
  readonly key: string;
  readonly config: McpServerConfig;
  readonly server: ManagedMcpServer;
  status: McpServerStatus;
  connection: McpClientConnection | null;
  starting: Promise<McpClientConnection> | null;
  /** Bumped whenever the entry is stopped: a start or a crash of an older generation is stale. */
  generation: number;
  holders: Set<string>;
  crashes: number[];
  tools: McpToolInfo[] | null;
  lastError: string | null;
  idleTimer: NodeJS.Timeout | null;
  restartTimer: NodeJS.Timeout | null;
  /** Calls waiting for a crashed server to be back. */
  waiters: { resolve(connection: McpClientConnection): void; reject(error: Error): void }[];
}

/** The whole configuration, its keys sorted: the same server however its settings were written. */
export const keyOf = (config: McpServerConfig): string =>
  JSON.stringify(config, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );

export function newEntry(
  key: string,
  config: McpServerConfig,
  live: () => Promise<McpClientConnection>,
): Entry {
  const entry: Entry = {
    key,
    config,
    server: new ManagedMcpServer(config.name, live, () => entry.connection),
    status: 'stopped',
    connection: null,
    starting: null,
    generation: 0,
    holders: new Set(),
    crashes: [],
    tools: null,
    lastError: null,
    idleTimer: null,
    restartTimer: null,
    waiters: [],
  };
  return entry;
}

export function stateOf(entry: Entry | undefined): McpServerState {
  if (!entry) return { status: 'stopped', pid: null, tools: null, lastError: null, usedBy: [] };
  return {
    status: entry.status,
    pid: entry.status === 'running' ? (entry.connection?.pid ?? null) : null,
    tools: entry.tools,
    lastError: entry.lastError,
    usedBy: [...entry.holders],
  };
}

export function settleWaiters(entry: Entry, outcome: McpClientConnection | Error): void {
  const waiters = entry.waiters.splice(0);
  for (const waiter of waiters) {
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
}

export function clearTimers(entry: Entry): void {
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  if (entry.restartTimer) clearTimeout(entry.restartTimer);
  entry.idleTimer = null;
  entry.restartTimer = null;
}
