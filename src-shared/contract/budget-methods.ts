import { z } from 'zod';
import { budgetScopeSchema, budgetViewSchema } from './budget-models';
import { idSchema } from './models';

/** Largest budgets accepted: far above any real spend, small enough to stay exact in SQLite. */
const MAX_TOKENS_LIMIT = 1_000_000_000_000;
const MAX_USD_LIMIT = 1_000_000;

const target = z
  .object({ threadId: idSchema.optional(), projectId: idSchema.optional() })
  .strict()
  .refine((value) => (value.threadId === undefined) !== (value.projectId === undefined), {
    message: 'Name either a thread or a project.',
  });

/** Requests of budgets, merged into `methods` (methods.ts). */
export const budgetMethods = {
  /** A thread's budget and its project's, or a project's, with what was spent so far. */
  'budget/get': { params: target, result: budgetViewSchema },
  /** Sets (or clears, with both limits null) a thread's or a project's budget. */
  'budget/set': {
    params: z
      .object({
        scope: budgetScopeSchema,
        threadId: idSchema.optional(),
        projectId: idSchema.optional(),
        maxTokens: z.number().int().positive().max(MAX_TOKENS_LIMIT).nullable(),
        maxUsd: z.number().positive().max(MAX_USD_LIMIT).nullable(),
      })
      .strict()
      .refine((value) => (value.scope === 'thread' ? !!value.threadId : !!value.projectId), {
        message: 'A thread budget needs a threadId, a project budget a projectId.',
      }),
    result: budgetViewSchema,
  },
} as const;
