import { type getLogger, MCPServerStdio, MCPServerStreamableHttp, type MCPServer } from '@openai/agents';
import type { McpServerConfig } from '../../../../src-shared/contract';
import { createLogger } from '../../log';

const log = createLogger('agents');

/**
 * How long a server may take to start and answer `initialize`. npx-launched servers download
 * themselves on first use and take several seconds; a command that never speaks MCP must not hold
 * a turn's start for longer than this.
 */
export const MCP_CONNECT_TIMEOUT_MS = 30_000;

/**
 * The SDK's MCP client logs through this: to our stderr logger, at debug level, because what
 * matters (a server that cannot start, a tool that failed) is reported by us and in the transcript.
 */
const sdkLogger: ReturnType<typeof getLogger> = {
  namespace: 'skein:mcp',
  debug: (message: string) => log.debug(`MCP client: ${message}`),
  warn: (message: string) => log.debug(`MCP client: ${message}`),
  error: (message: string) => log.debug(`MCP client: ${message}`),
  dontLogModelData: true,
  dontLogToolData: true,
};

export interface ConnectedMcpServer {
  /** The name the user gave it (tool names and approval rules use it). */
  name: string;
  server: MCPServer;
}

export interface McpConnectFailure {
  name: string;
  message: string;
}

/** The user's MCP servers, each started on first use and shared by every thread until the host stops. */
export interface McpConnections {
  connect(configs: readonly McpServerConfig[]): Promise<{
    servers: ConnectedMcpServer[];
    failures: McpConnectFailure[];
  }>;
  dispose(): Promise<void>;
}

function createServer(config: McpServerConfig): MCPServer {
  // Tool lists are cached per server (servers announce changes); every turn lists them again otherwise.
  if (config.transport === 'http') {
    return new MCPServerStreamableHttp({
      name: config.name,
      url: config.url,
      cacheToolsList: true,
      logger: sdkLogger,
    });
  }
  return new MCPServerStdio({
    name: config.name,
    command: config.command,
    args: config.args ?? [],
    // Added to the MCP SDK's minimal inherited environment (PATH, HOME, …): no provider keys.
    env: config.env,
    cwd: config.cwd,
    cacheToolsList: true,
    logger: sdkLogger,
  });
}

function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function createMcpConnections(connectTimeoutMs = MCP_CONNECT_TIMEOUT_MS): McpConnections {
  /** By configuration: a server whose command or URL changes is a new server. */
  const live = new Map<string, Promise<MCPServer>>();
  let disposed = false;

  const open = (config: McpServerConfig): Promise<MCPServer> => {
    const key = JSON.stringify(config);
    const existing = live.get(key);
    if (existing) return existing;
    const server = createServer(config);
    const opening = withTimeout(server.connect(), connectTimeoutMs, `The MCP server "${config.name}"`).then(
      () => {
        log.info(`Connected to the MCP server "${config.name}"`);
        return server;
      },
      async (error: unknown) => {
        // Tried again at the next turn: the user may have fixed the command meanwhile.
        live.delete(key);
        await server.close().catch(() => undefined);
        throw error;
      },
    );
    live.set(key, opening);
    return opening;
  };

  return {
    async connect(configs) {
      if (disposed) return { servers: [], failures: [] };
      const settled = await Promise.allSettled(configs.map((config) => open(config)));
      const servers: ConnectedMcpServer[] = [];
      const failures: McpConnectFailure[] = [];
      settled.forEach((result, index) => {
        const name = configs[index]?.name ?? '?';
        if (result.status === 'fulfilled') servers.push({ name, server: result.value });
        else {
          const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
          log.warn(`The MCP server "${name}" could not be reached: ${message}`);
          failures.push({ name, message });
        }
      });
      return { servers, failures };
    },
    async dispose() {
      disposed = true;
      const opening = [...live.values()];
      live.clear();
      await Promise.allSettled(
        opening.map(async (promise) => {
          const server = await promise;
          await server.close();
        }),
      );
    },
  };
}
