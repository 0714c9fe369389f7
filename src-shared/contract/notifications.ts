import { z } from 'zod';
import { agentNotifications } from './agent-notifications';
import { attemptNotifications } from './attempt-notifications';
import { budgetNotifications } from './budget-notifications';
import { cliAgentNotifications } from './cli-agent-notifications';
import { conflictNotifications } from './conflict-notifications';
import { reviewNotifications } from './review-notifications';
import { reviewAgentNotifications } from './review-agent-notifications';
import { managerNotifications } from './manager-notifications';
import { mcpNotifications } from './mcp-notifications';
import { skillNotifications } from './skill-notifications';
import { idSchema, projectSchema, reconcileActionSchema, terminalSchema, threadSchema } from './models';

/**
 * Everything the host pushes. Broadcast notifications go to every connection;
 * `terminal/data` goes only to connections attached to that terminal.
 */
export const notifications = {
  'project/updated': z.object({ project: projectSchema }),
  'project/removed': z.object({ projectId: idSchema }),
  'thread/updated': z.object({ thread: threadSchema }),
  'thread/removed': z.object({ threadId: idSchema }),
  'terminal/updated': z.object({ terminal: terminalSchema }),
  'terminal/removed': z.object({ terminalId: idSchema, threadId: idSchema }),
  'terminal/data': z.object({ terminalId: idSchema, data: z.string() }),
  /** Sent by Electron main when it had to restart a host that died; the client should re-fetch state. */
  'host/restarted': z.object({ reason: z.string() }),
  'host/notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    actions: z.array(reconcileActionSchema).optional(),
  }),
  ...agentNotifications,
  ...reviewNotifications,
  ...conflictNotifications,
  ...skillNotifications,
  ...mcpNotifications,
  ...cliAgentNotifications,
  ...attemptNotifications,
  ...managerNotifications,
  ...budgetNotifications,
  ...reviewAgentNotifications,
} as const;

export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationParams<N extends NotificationName> = z.output<Notifications[N]>;

export function isNotificationName(name: string): name is NotificationName {
  return Object.prototype.hasOwnProperty.call(notifications, name);
}
