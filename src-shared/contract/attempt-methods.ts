import { z } from 'zod';
import {
  attemptComparisonSchema,
  attemptGroupSchema,
  attemptVariantSchema,
  checkResultSchema,
} from './attempt-models';
import { idSchema } from './models';
import { repoPathSchema } from './review-models';

/** Requests of attempts (best-of-N) and checks, merged into `methods` (methods.ts). */
export const attemptMethods = {
  /**
   * Starts one task on N threads (1–8), one per variant, each with its own worktree from the same
   * base, and sends every one the prompt as its first turn.
   */
  'attempt/start': {
    params: z
      .object({
        projectId: idSchema,
        title: z.string().trim().min(1).max(200),
        prompt: z.string().trim().min(1).max(200_000),
        base: z.string().min(1).max(255).optional(),
        variants: z
          .array(attemptVariantSchema)
          .min(1, 'Run at least one attempt.')
          .max(8, 'Run at most 8 attempts.'),
      })
      .strict(),
    result: z.object({ group: attemptGroupSchema }),
  },
  'attempt/list': {
    params: z.object({ projectId: idSchema }).strict(),
    result: z.object({ groups: z.array(attemptGroupSchema) }),
  },
  /** One group with fresh diff sizes and costs. */
  'attempt/get': {
    params: z.object({ groupId: idSchema }).strict(),
    result: z.object({ group: attemptGroupSchema }),
  },
  /** The group a thread belongs to as an attempt, or null. */
  'attempt/ofThread': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ group: attemptGroupSchema.nullable() }),
  },
  /**
   * Runs the project's check command in each attempt's worktree (or one), in the background; each
   * result arrives with `attempt/updated`. NOT_FOUND-like INVALID_STATE when no check command is set.
   */
  'attempt/check': {
    params: z.object({ groupId: idSchema, threadId: idSchema.optional() }).strict(),
    result: z.object({ group: attemptGroupSchema }),
  },
  /** The files where attempt `to` differs from attempt `from` (both worktrees as they are now). */
  'attempt/compare': {
    params: z.object({ groupId: idSchema, fromThreadId: idSchema, toThreadId: idSchema }).strict(),
    result: attemptComparisonSchema,
  },
  /**
   * Keeps one attempt: it becomes the winner and the others are archived (branches and worktree
   * content kept; `thread/unarchive` brings one back).
   */
  'attempt/pick': {
    params: z.object({ groupId: idSchema, threadId: idSchema }).strict(),
    result: z.object({ group: attemptGroupSchema }),
  },
  /**
   * Applies hunks of one attempt's changes to a file into another attempt's worktree (taking the best
   * parts of several). `hunks`: indexes into the file's hunks against the base, all when absent.
   * Hunks that do not apply are reported, and nothing of that file changes.
   */
  'attempt/takeHunks': {
    params: z
      .object({
        groupId: idSchema,
        fromThreadId: idSchema,
        toThreadId: idSchema,
        path: repoPathSchema,
        hunks: z.array(z.number().int().min(0)).max(10_000).optional(),
      })
      .strict(),
    result: z.object({ applied: z.number().int(), rejected: z.array(z.string()) }),
  },
  /** Runs the project's check in one thread's worktree (any thread) and waits for the result. */
  'check/run': {
    params: z.object({ threadId: idSchema }).strict(),
    result: checkResultSchema,
  },
} as const;
