import { z } from 'zod';
import { idSchema } from './models';

/** Whose budget: one thread's, or a project's (the sum over all its threads). */
export const budgetScopeSchema = z.enum(['thread', 'project']);
export type BudgetScope = z.infer<typeof budgetScopeSchema>;

/** What may be spent; null means no limit of that kind. Both null: no budget. */
export const budgetLimitSchema = z.object({
  maxTokens: z.number().int().positive().nullable(),
  /** US dollars. */
  maxUsd: z.number().positive().nullable(),
});
export type BudgetLimit = z.infer<typeof budgetLimitSchema>;

/** What was spent: input + output tokens, and dollars where the model's price is known. */
export const budgetSpentSchema = z.object({
  tokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
});
export type BudgetSpent = z.infer<typeof budgetSpentSchema>;

/** One budget and where it stands. */
export const budgetStatusSchema = z.object({
  scope: budgetScopeSchema,
  projectId: idSchema,
  /** Null for a project's budget. */
  threadId: idSchema.nullable(),
  limit: budgetLimitSchema,
  spent: budgetSpentSchema,
  /** True once a limit is met or passed: the thread's agent pauses before its next model call. */
  reached: z.boolean(),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

/** A thread's budget with its project's (which also stops it), or a project's alone. */
export const budgetViewSchema = z.object({
  thread: budgetStatusSchema.nullable(),
  project: budgetStatusSchema,
  /** True when either budget is reached. */
  reached: z.boolean(),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;
