import { z } from 'zod';
import {
  conflictMatrixSchema,
  pairDetailsSchema,
  rebaseFileSchema,
  rebaseStateSchema,
  simulationSchema,
  threadOverlapsSchema,
} from './conflict-models';
import { idSchema } from './models';
import { repoPathSchema } from './review-models';

/** Requests of the conflict radar and of rebasing a thread, merged into `methods` (methods.ts). */
const threadOnly = z.object({ threadId: idSchema }).strict();

export const conflictMethods = {
  /** The project's matrix as it stands (cells still computing are `pending`); starts the radar for the project. */
  'conflicts/get': {
    params: z.object({ projectId: idSchema }).strict(),
    result: conflictMatrixSchema,
  },
  /** Re-snapshot every live thread of the project now (or one thread) instead of waiting for the watcher. */
  'conflicts/refresh': {
    params: z.object({ projectId: idSchema, threadId: idSchema.optional() }).strict(),
    result: conflictMatrixSchema,
  },
  /** Conflicted files with their hunks for one cell (`b` null: the thread against its base). */
  'conflicts/pair': {
    params: z.object({ a: idSchema, b: idSchema.nullable() }).strict(),
    result: pairDetailsSchema,
  },
  /**
   * Chains the merges of these threads (default: the suggested order) onto their common base with
   * merge-tree and commit-tree only (nothing moves) and reports where the chain breaks.
   */
  'conflicts/simulate': {
    params: z.object({ projectId: idSchema, order: z.array(idSchema).min(1).max(500).optional() }).strict(),
    result: simulationSchema,
  },
  /** Which other live threads touch the files this thread changed (the agent tool `thread_overlaps`). */
  'conflicts/overlaps': { params: threadOnly, result: threadOverlapsSchema },

  /** Rebase the thread's branch onto its base in its worktree; uncommitted work is kept (trash ref + autostash). */
  'rebase/start': { params: threadOnly, result: rebaseStateSchema },
  'rebase/status': { params: threadOnly, result: rebaseStateSchema },
  /** The three sides of one conflicted file and the worktree's current content. */
  'rebase/file': {
    params: z.object({ threadId: idSchema, path: repoPathSchema }).strict(),
    result: rebaseFileSchema,
  },
  /** Writes the resolved content (omit `content` to keep the file as it is on disk) and marks it resolved. */
  'rebase/resolve': {
    params: z
      .object({
        threadId: idSchema,
        path: repoPathSchema,
        content: z.string().max(50_000_000).optional(),
        /** Resolve by deleting the file (for a modify/delete conflict). */
        delete: z.boolean().optional(),
        /**
         * Resolve by taking one side whole (`base`: stage 2, `thread`: stage 3), as `git checkout
         * --ours/--theirs` would; the way to pick a version of a binary file. Ignored with `content`.
         */
        take: z.enum(['base', 'thread']).optional(),
        /** Accept content that still holds a whole conflict region (<<<<<<< … ======= … >>>>>>>); refused otherwise. */
        allowMarkers: z.boolean().optional(),
      })
      .strict(),
    result: rebaseStateSchema,
  },
  /** Continues after every conflict is resolved; may stop again at the next commit. */
  'rebase/continue': { params: threadOnly, result: rebaseStateSchema },
  /** Stops the rebase and returns the branch, files and uncommitted work to where they were. */
  'rebase/abort': { params: threadOnly, result: rebaseStateSchema },
  /** Hands the conflicted files to the thread's agent as a turn: it edits them to resolve the markers. */
  'rebase/askAgent': {
    params: z.object({ threadId: idSchema, note: z.string().max(10_000).optional() }).strict(),
    result: z.object({ turnId: idSchema }),
  },
} as const;
