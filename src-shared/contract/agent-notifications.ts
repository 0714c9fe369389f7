import { z } from 'zod';
import { approvalSchema, itemSchema, turnSchema } from './agent-models';
import { idSchema } from './models';

/** Notifications of the built-in agent, merged into `notifications` (notifications.ts). All are broadcast. */
export const agentNotifications = {
  'turn/started': z.object({ turn: turnSchema }),
  /** The turn ended (completed, interrupted or failed); `turn.usage` has its tokens and `costUsd` its cost. */
  'turn/completed': z.object({ turn: turnSchema }),
  'item/started': z.object({ item: itemSchema }),
  /** Streamed text of an item in progress, coalesced into short frames. */
  'item/delta': z.object({
    threadId: idSchema,
    turnId: idSchema,
    itemId: idSchema,
    /** `text` of a message, `reasoning` of a reasoning item, `output` of a running command. */
    stream: z.enum(['text', 'reasoning', 'output']),
    delta: z.string(),
  }),
  'item/completed': z.object({ item: itemSchema }),
  'approval/requested': z.object({ approval: approvalSchema }),
  'approval/resolved': z.object({ approval: approvalSchema }),
} as const;
