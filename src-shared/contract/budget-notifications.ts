import { z } from 'zod';
import { budgetLimitSchema, budgetScopeSchema, budgetSpentSchema, budgetStatusSchema } from './budget-models';
import { idSchema } from './models';

/** Notifications of budgets, merged into `notifications` (notifications.ts). Broadcast. */
export const budgetNotifications = {
  /** A budget was set, or a turn of its thread (or project) ended and spent more. */
  'budget/updated': z.object({ status: budgetStatusSchema }),
  /** A thread's agent paused because its budget (or its project's) is reached; it waits for the user. */
  'budget/reached': z.object({
    threadId: idSchema,
    projectId: idSchema,
    scope: budgetScopeSchema,
    limit: budgetLimitSchema,
    spent: budgetSpentSchema,
    /** The pause in words, as the turn's error says it. */
    message: z.string(),
  }),
} as const;
