import { z } from 'zod';
import { cliAgentSchema, cliAgentStatusSchema } from './cli-agent-models';
import { idSchema } from './models';

/** Notifications of CLI agents, merged into `notifications` (notifications.ts). Broadcast. */
export const cliAgentNotifications = {
  /**
   * An agent's status changed (also sent once when it starts). When `status` is `waiting_for_input`
   * the client may raise a desktop notification ("<name> is waiting for you in <thread>").
   */
  'cliAgents/status': z.object({
    agentId: idSchema,
    threadId: idSchema,
    terminalId: idSchema,
    status: cliAgentStatusSchema,
    agent: cliAgentSchema,
  }),
  /** The saved templates changed: re-fetch `cliAgents/presets`. */
  'cliAgents/templatesChanged': z.object({}),
} as const;
