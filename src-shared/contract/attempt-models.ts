import { z } from 'zod';
import { providerKindSchema } from './agent-models';
import { idSchema, threadBackendSchema, threadSchema } from './models';
import { commitIdSchema } from './review-models';

/**
 * Attempts (best-of-N): one task run on several threads at once, compared, and the best kept; and the
 * project's check command whose results judge them (also the gate of manager threads).
 */

/** One run of the project's `checkCommand` in a worktree. */
export const checkResultSchema = z.object({
  command: z.string(),
  /** `error`: it could not start or was stopped; `timed_out`: it ran past the check time limit. */
  status: z.enum(['running', 'passed', 'failed', 'timed_out', 'error']),
  exitCode: z.number().int().nullable(),
  /** Head and tail of stdout and stderr (the middle is cut from long output). */
  output: z.string(),
  /** What confined it: bwrap, seatbelt, or none (no sandbox on this machine). */
  sandbox: z.enum(['bwrap', 'seatbelt', 'none']),
  startedAt: z.number(),
  completedAt: z.number().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** How one attempt runs: which agent, and for the built-in agent which provider and model. */
export const attemptVariantSchema = z
  .object({
    backend: threadBackendSchema,
    /** Built-in agent only; the project's settings otherwise. */
    provider: providerKindSchema.optional(),
    /** The model: the built-in agent's, or Codex's / Claude Code's for those backends. */
    model: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type AttemptVariant = z.infer<typeof attemptVariantSchema>;

export const attemptOutcomeSchema = z.enum(['candidate', 'winner', 'discarded']);

export const attemptSchema = z.object({
  /** 1..N in the order the variants were given. */
  index: z.number().int(),
  thread: threadSchema,
  variant: attemptVariantSchema,
  /** The attempt's whole work against its base (uncommitted included); null until first measured. */
  diff: z
    .object({ files: z.number().int(), additions: z.number().int(), deletions: z.number().int() })
    .nullable(),
  /** Tokens and US dollars of all its turns; cost null when a model's price is unknown. */
  tokens: z.number().int(),
  costUsd: z.number().nullable(),
  /** The last check run in its worktree; null when none ran (no check command, or not yet). */
  check: checkResultSchema.nullable(),
  /** `winner`: picked; `discarded`: another was picked and this thread was archived (unarchive restores it). */
  outcome: attemptOutcomeSchema,
  /** Why the attempt never got going (its thread did not become ready, its first turn could not start). */
  error: z.string().nullable().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const attemptGroupSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  /** The task every attempt was given. */
  prompt: z.string(),
  createdAt: z.number(),
  /** `running` while any attempt's turn runs; `picked` once a winner is chosen. */
  status: z.enum(['running', 'ready', 'picked']),
  winnerThreadId: idSchema.nullable(),
  attempts: z.array(attemptSchema),
});
export type AttemptGroup = z.infer<typeof attemptGroupSchema>;

/** Two attempts' worktrees side by side: snapshot commits of each and the files that differ. */
export const attemptComparisonSchema = z.object({
  fromThreadId: idSchema,
  toThreadId: idSchema,
  /** Snapshot of the `from` attempt's worktree; read file sides with `review/fileDiff` on `fromThreadId`. */
  from: commitIdSchema,
  to: commitIdSchema,
  files: z.array(
    z.object({
      path: z.string(),
      oldPath: z.string().nullable(),
      additions: z.number().int(),
      deletions: z.number().int(),
    }),
  ),
});
export type AttemptComparison = z.infer<typeof attemptComparisonSchema>;
