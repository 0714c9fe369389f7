import { z } from 'zod';

/** Notifications of MCP servers the agents use, merged into `notifications`. Broadcast. */
export const mcpNotifications = {
  /**
   * A server's status, tools or enabled state changed, or a configuration was saved: re-fetch
   * `mcp/list`. `name` is the server concerned when there is one.
   */
  'mcp/changed': z.object({ name: z.string().nullable() }),
} as const;
