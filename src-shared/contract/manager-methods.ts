import { z } from 'zod';
import { managerSchema } from './manager-models';
import { idSchema, threadBackendSchema, threadSchema } from './models';

/** Requests of manager threads, merged into `methods` (methods.ts). */
export const managerMethods = {
  /**
   * Starts a manager thread: a thread (its own worktree) whose agent has the worker tools, and sends
   * it the task as its first turn. Managers run on the built-in agent.
   */
  'manager/start': {
    params: z
      .object({
        projectId: idSchema,
        title: z.string().trim().min(1).max(200),
        task: z.string().trim().min(1).max(200_000),
        base: z.string().min(1).max(255).optional(),
        /** The agent workers get unless the manager names one; the project's default otherwise. */
        workerBackend: threadBackendSchema.optional(),
      })
      .strict(),
    result: z.object({ thread: threadSchema, manager: managerSchema }),
  },
  /** The manager of a thread: the thread itself when it is one, its manager when it is a worker, else null. */
  'manager/get': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ manager: managerSchema.nullable() }),
  },
  'manager/list': {
    params: z.object({ projectId: idSchema }).strict(),
    result: z.object({ managers: z.array(managerSchema) }),
  },
  /** Runs the gate now (merge the workers' branches into a scratch commit, run the check there). */
  'manager/runGate': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ manager: managerSchema }),
  },
  /** Lets the manager report done without a passing check (the user's call, with a reason). */
  'manager/waiveGate': {
    params: z.object({ threadId: idSchema, reason: z.string().trim().min(1).max(2_000) }).strict(),
    result: z.object({ manager: managerSchema }),
  },
} as const;
