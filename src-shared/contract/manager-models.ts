import { z } from 'zod';
import { checkResultSchema } from './attempt-models';
import { idSchema, threadBackendSchema } from './models';
import { commitIdSchema } from './review-models';

/**
 * Manager threads: a thread whose agent starts worker threads, talks to them, waits for them, reads
 * their work, and may only report done once the project's check passes on their combined work.
 */

export const workerStateSchema = z.enum([
  /** A turn runs (or waits for approval) in the worker. */
  'working',
  /** Its last turn ended without handing back. */
  'idle',
  /** The worker called `hand_back` with a summary. */
  'handed_back',
  /** The manager (or the user) stopped it. */
  'stopped',
]);
export type WorkerState = z.infer<typeof workerStateSchema>;

export const workerSchema = z.object({
  threadId: idSchema,
  managerThreadId: idSchema,
  /** The task the manager gave it. */
  task: z.string(),
  backend: threadBackendSchema,
  state: workerStateSchema,
  /** What the worker said when it handed back; null before. */
  summary: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Worker = z.infer<typeof workerSchema>;

/**
 * The gate on "done": the workers' branches merged into a scratch commit with git plumbing (no branch
 * of the user's moves), checked out in a scratch worktree, and the project's check run there.
 */
export const gateSchema = z.object({
  status: z.enum(['not_run', 'running', 'passed', 'failed', 'conflict', 'waived']),
  /** The merged scratch commit the check ran on. */
  scratchCommit: commitIdSchema.nullable(),
  /** Workers whose branches went into the scratch commit. */
  mergedThreadIds: z.array(idSchema),
  /** Paths that conflicted when merging the workers' branches (status `conflict`). */
  conflicts: z.array(z.string()),
  check: checkResultSchema.nullable(),
  /** Why the user waived the gate, when they did. */
  waivedReason: z.string().nullable(),
  updatedAt: z.number(),
});
export type Gate = z.infer<typeof gateSchema>;

export const managerSchema = z.object({
  threadId: idSchema,
  projectId: idSchema,
  workers: z.array(workerSchema),
  gate: gateSchema,
  /** The manager reported done (after the gate passed or was waived), with its summary. */
  doneSummary: z.string().nullable(),
});
export type Manager = z.infer<typeof managerSchema>;
