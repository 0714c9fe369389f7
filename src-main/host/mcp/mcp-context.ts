import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { HostServices } from '../create-host';

/** What every tool group needs: the host's services, and the MCP server the tools are registered on. */
export interface McpToolContext {
  services: HostServices;
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
