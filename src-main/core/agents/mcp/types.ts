import type { MCPServer } from '@openai/agents';
import type {
  McpServerConfig,
  McpServerStatus,
  McpTestResult,
  McpToolInfo,
} from '../../../../src-shared/contract';

/**
 * The seam between the two halves of Skein's MCP client: the manager (processes and connections:
 * start on need, stop when idle, report and restart crashes) and the service (configurations,
 * enabled states, import, the `mcp/*` requests).
 */

export interface ConnectedMcpServer {
  /** The name the user gave it (tool names and approval rules use it). */
  name: string;
  server: MCPServer;
}

export interface McpConnectFailure {
  name: string;
  message: string;
}

/** What the manager knows of one configuration's process or connection. */
export interface McpServerState {
  status: McpServerStatus;
  pid: number | null;
  tools: McpToolInfo[] | null;
  lastError: string | null;
  /** Threads whose running turns hold it now. */
  usedBy: string[];
}

/** Tells a thread something about a server it holds (a crash, a restart); shown in its transcript. */
export type McpThreadReporter = (threadId: string, message: string) => void;

/**
 * Servers keyed by their whole configuration: a server whose command, URL or environment changes is
 * another server. Started by the first turn that needs it, shared by every turn that needs the same
 * configuration, stopped some time after the last turn holding it released it.
 */
export interface McpManager {
  /** Connects the configurations for a thread's turn (or reuses them); the thread holds them until `release`. */
  acquire(
    threadId: string,
    configs: readonly McpServerConfig[],
  ): Promise<{ servers: ConnectedMcpServer[]; failures: McpConnectFailure[] }>;
  /** The thread's turn ended: servers no thread holds stop after the idle delay. */
  release(threadId: string): void;
  state(config: McpServerConfig): McpServerState;
  /** A separate, short-lived connection: lists the tools and closes. Never throws. */
  test(config: McpServerConfig): Promise<McpTestResult>;
  /** Stops the configuration's server now; the next `acquire` starts it again. */
  restart(config: McpServerConfig): Promise<void>;
  /** Where crashes and restarts are told to the threads holding the server (the agent runtime's transcripts). */
  addReporter(reporter: McpThreadReporter): () => void;
  /** Called with the server's name whenever a state changes. */
  onChange(listener: (name: string) => void): () => void;
  /** Stops every server and waits for their processes to exit. */
  dispose(): Promise<void>;
}

/** Which configured servers a thread's turn gets (per project and per thread switches). */
export type McpEnabledFilter = (threadId: string, configs: readonly McpServerConfig[]) => McpServerConfig[];
