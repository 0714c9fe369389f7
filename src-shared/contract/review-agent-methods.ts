import { z } from 'zod';
import { providerKindSchema } from './agent-models';
import { idSchema } from './models';
import { reviewerKindSchema, reviewFindingSchema, reviewRunSchema } from './review-agent-models';

/** Requests of the review agent, merged into `methods` (methods.ts). */
export const reviewAgentMethods = {
  /**
   * Starts a review of the thread's whole work against its base (uncommitted included) and answers
   * at once with the run (`running`); `reviewAgent/updated` reports its end. Uses the thread's
   * agent settings unless a provider or model is given.
   */
  'reviewAgent/run': {
    params: z
      .object({
        threadId: idSchema,
        /** `built-in` by default; `codex` runs `codex exec` read-only in the worktree. */
        reviewer: reviewerKindSchema.optional(),
        /** Built-in reviewer only. */
        provider: providerKindSchema.optional(),
        model: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result: z.object({ run: reviewRunSchema }),
  },
  /** The thread's review runs with their findings, newest first. */
  'reviewAgent/runs': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ runs: z.array(reviewRunSchema) }),
  },
  'reviewAgent/cancel': {
    params: z.object({ runId: idSchema }).strict(),
    result: z.object({ run: reviewRunSchema }),
  },
  'reviewAgent/dismiss': {
    params: z.object({ findingId: idSchema }).strict(),
    result: z.object({ finding: reviewFindingSchema }),
  },
  /** Gives the finding to the thread's agent as a task: a new turn, or a steer when a turn runs. */
  'reviewAgent/send': {
    params: z.object({ findingId: idSchema }).strict(),
    result: z.object({ finding: reviewFindingSchema, turnId: z.string(), steered: z.boolean() }),
  },
} as const;
