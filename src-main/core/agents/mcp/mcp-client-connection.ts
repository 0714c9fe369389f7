import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  McpError,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../../../../src-shared/contract';
import { StdioProcessTransport, type ProcessExit } from './stdio-process-transport';

/**
 * How long a server may take to start and answer `initialize`. npx-launched servers download
 * themselves on first use and take several seconds; a command that never speaks MCP must not hold
 * a turn's start for longer than this.
 */
export const MCP_CONNECT_TIMEOUT_MS = 30_000;
/**
 * How long one tool call may run. The SDK's default (60 s) is too short for tools that build or
 * search; progress notifications restart the clock.
 */
export const MCP_TOOL_CALL_TIMEOUT_MS = 10 * 60_000;
/** Who we are in `initialize`; servers only log it. */
const CLIENT_INFO = { name: 'skein', version: '1.0.0' };

export interface McpConnectionEvents {
  /** The process exited or the connection dropped without `close()`; `reason` is a sentence. */
  lost(reason: string): void;
  /** The server announced that its tools changed (the cached list is dropped already). */
  toolsChanged(): void;
}

/** A sentence for how a process ended, with what it last wrote to stderr. */
export function describeExit(exit: ProcessExit | null, stderrTail: string): string {
  const how = !exit
    ? 'The server process ended'
    : exit.signal
      ? `The server process was killed by ${exit.signal}`
      : `The server process exited with code ${exit.code ?? '?'}`;
  return stderrTail ? `${how}. Its last output on stderr:\n${stderrTail}` : `${how}.`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An HTTP server's failure as a sentence: the status it answered, or why it could not be reached. */
function describeHttpFailure(url: string, error: unknown): string {
  if (error instanceof StreamableHTTPError && error.code !== undefined) {
    const hint = error.code === 401 || error.code === 403 ? ' (check its headers, such as a token)' : '';
    return `The server at ${url} answered HTTP ${error.code}${hint}: ${error.message}`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `The server at ${url} could not be reached: ${messageOf(error)}${cause}`;
}

function createTransport(config: McpServerConfig): Transport {
  if (config.transport === 'http') {
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: config.headers ? { headers: config.headers } : undefined,
    });
  }
  return new StdioProcessTransport({
    command: config.command,
    args: config.args ?? [],
    env: config.env,
    cwd: config.cwd,
  });
}

/**
 * One live MCP client session with a configured server (its process, for stdio): `initialize`d,
 * its tool list cached until the server says it changed, and a `lost` event when it goes away
 * without us closing it.
 */
export class McpClientConnection {
  private tools: Tool[] | null = null;
  private closed = false;
  /** Set once `initialize` succeeded: a drop before it is a failure to start, not a crash. */
  private ready = false;
  private lostReason: string | null = null;

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    private readonly transport: Transport,
    private readonly events: McpConnectionEvents,
  ) {}

  /** Starts the server (stdio) or reaches it (http) and runs the MCP handshake; rejects with a sentence. */
  static async open(
    config: McpServerConfig,
    events: McpConnectionEvents,
    timeoutMs = MCP_CONNECT_TIMEOUT_MS,
  ): Promise<McpClientConnection> {
    const client = new Client(CLIENT_INFO);
    const transport = createTransport(config);
    const connection = new McpClientConnection(config, client, transport, events);
    client.onclose = () => connection.dropped();
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      connection.tools = null;
      connection.events.toolsChanged();
    });
    try {
      await client.connect(transport, { timeout: timeoutMs });
    } catch (error) {
      const reason = connection.failureReason(error);
      connection.closed = true;
      await transport.close().catch(() => undefined);
      throw new Error(reason);
    }
    connection.ready = true;
    return connection;
  }

  get pid(): number | null {
    return this.transport instanceof StdioProcessTransport ? this.transport.pid : null;
  }

  get serverInfo(): { name: string; version: string } | null {
    const info = this.client.getServerVersion();
    return info ? { name: info.name, version: info.version } : null;
  }

  /** Why the connection went away, or null while it is up. */
  get lost(): string | null {
    return this.lostReason;
  }

  async listTools(): Promise<Tool[]> {
    if (this.tools) return this.tools;
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.guard(() => this.client.listTools(cursor ? { cursor } : undefined));
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    this.tools = tools;
    return tools;
  }

  invalidateTools(): void {
    this.tools = null;
  }

  async callTool(
    name: string,
    args: Record<string, unknown> | null,
    meta: Record<string, unknown> | null | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CallToolResult> {
    const result = await this.guard(() =>
      this.client.callTool({ name, arguments: args ?? {}, ...(meta ? { _meta: meta } : {}) }, undefined, {
        signal,
        timeout: MCP_TOOL_CALL_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
      }),
    );
    return result as CallToolResult;
  }

  /** Stops the server (stdio: waits until its process has exited). */
  async close(): Promise<void> {
    this.closed = true;
    await this.client.close().catch(() => undefined);
    await this.transport.close().catch(() => undefined);
  }

  /** The transport closed: a crash unless we asked for it. */
  private dropped(): void {
    if (!this.ready || this.closed || this.lostReason) return;
    this.lostReason = this.failureReason(null);
    this.events.lost(this.lostReason);
  }

  /**
   * A request that failed because the server is gone: the connection counts as lost (over HTTP a
   * dead server shows only as failing requests) and the error names why.
   */
  private async guard<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (this.lostReason) throw new Error(this.lostReason);
      // Not reached at all (refused, reset): an answer with an error status or an abort is no crash.
      const transportFailure =
        !(error instanceof McpError) &&
        !(error instanceof StreamableHTTPError) &&
        !(error instanceof Error && error.name === 'AbortError');
      if (this.config.transport === 'http' && transportFailure && !this.closed) {
        this.lostReason = describeHttpFailure(this.config.url, error);
        this.events.lost(this.lostReason);
        throw new Error(this.lostReason);
      }
      throw error;
    }
  }

  private failureReason(error: unknown): string {
    if (this.config.transport === 'stdio' && (error as { code?: unknown } | null)?.code === 'ENOENT') {
      return `The command "${this.config.command}" was not found; check its path (or PATH) and the working folder.`;
    }
    if (this.transport instanceof StdioProcessTransport) {
      const tail = this.transport.stderrTail();
      if (this.transport.exit) return describeExit(this.transport.exit, tail);
      const base = error ? messageOf(error) : 'The connection to the server closed';
      return tail ? `${base}. Its last output on stderr:\n${tail}` : base;
    }
    if (this.config.transport === 'http' && error && !(error instanceof McpError)) {
      return describeHttpFailure(this.config.url, error);
    }
    return error ? messageOf(error) : 'The connection to the server closed.';
  }
}
