import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RpcClient } from '../../../src-shared/contract';

/**
 * What every tool group needs: a contract client of the host (in-process, or the control socket of the
 * host that holds the data folder), and the MCP server the tools are registered on.
 */
export interface McpToolContext {
  rpc: RpcClient;
  server: McpServer;
}

/** The `extra` of a tool callback, as far as the tools use it. */
export interface ToolCallExtra {
  signal: AbortSignal;
  requestId: string | number;
  _meta?: { progressToken?: string | number };
  sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; message?: string };
  }) => Promise<void>;
}
