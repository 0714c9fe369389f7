import { z } from 'zod';
import { idSchema } from './models';
import { commitIdSchema, repoPathSchema } from './review-models';

/**
 * The conflict radar: for every live thread of a project, a snapshot commit of its worktree
 * (uncommitted and untracked work included), and for every pair of live threads and every thread
 * against its base, what merging them would do.
 */

/** `clean`: merges without conflict and touches no common file; `overlap`: both touch a file but it merges; `conflict`: merge-tree reports conflicts; `pending`: not computed yet; `error`: git failed (see `error`). */
export const pairStatusSchema = z.enum(['clean', 'overlap', 'conflict', 'pending', 'error']);
export type PairStatus = z.infer<typeof pairStatusSchema>;

/** One cell of the matrix. `b` null is the thread's base branch (as it is now). */
export const conflictPairSchema = z.object({
  a: idSchema,
  b: idSchema.nullable(),
  status: pairStatusSchema,
  /** Paths merge-tree reports as conflicted, each once. */
  conflicts: z.array(repoPathSchema),
  /** Paths both sides changed (against their merge-bases with the base) that merge cleanly. */
  overlaps: z.array(repoPathSchema),
  error: z.string().nullable(),
  /** The snapshot commits (or base commit) this cell was computed from. */
  fromA: commitIdSchema.nullable(),
  fromB: commitIdSchema.nullable(),
});
export type ConflictPair = z.infer<typeof conflictPairSchema>;

export const radarThreadSchema = z.object({
  threadId: idSchema,
  /** The thread's base branch as given at start (e.g. `main`). */
  base: z.string(),
  /** Commit of the worktree as it is on disk; equal to `head` when nothing is uncommitted. Null until taken. */
  snapshot: commitIdSchema.nullable(),
  head: commitIdSchema.nullable(),
  /** True when the snapshot includes uncommitted or untracked work. */
  uncommitted: z.boolean(),
  /** Paths the thread changed against its merge-base with the base. */
  touched: z.array(repoPathSchema),
  /** Other threads it conflicts with. */
  conflictsWith: z.array(idSchema),
  conflictsWithBase: z.boolean(),
  /** Other threads that touch a file it touches without conflicting. */
  overlapsWith: z.array(idSchema),
  takenAt: z.number().nullable(),
  /** Why no snapshot could be taken (e.g. the worktree is missing). */
  error: z.string().nullable(),
});
export type RadarThread = z.infer<typeof radarThreadSchema>;

export const conflictMatrixSchema = z.object({
  projectId: idSchema,
  /** Base branch name -> the commit it points at now. */
  bases: z.record(z.string(), commitIdSchema),
  threads: z.array(radarThreadSchema),
  /** Each unordered pair once (a < b by position in `threads`), then every thread against its base (b null). */
  pairs: z.array(conflictPairSchema),
  /** True while some cells are being recomputed. */
  computing: z.boolean(),
  /** The order that lands the most threads cleanly, per base; see `conflicts/simulate`. */
  suggestedOrder: z.array(idSchema),
  updatedAt: z.number(),
});
export type ConflictMatrix = z.infer<typeof conflictMatrixSchema>;

/** One conflicted region of a file in the merged result. Lines are 1-based in each side's file. */
export const conflictHunkSchema = z.object({
  /** Lines of the merged file (with conflict markers) the region spans. */
  mergedStart: z.number().int().min(1),
  mergedEnd: z.number().int().min(1),
  ours: z.string(),
  theirs: z.string(),
});
export type ConflictHunk = z.infer<typeof conflictHunkSchema>;

export const conflictFileKindSchema = z.enum([
  'content',
  'binary',
  'modify-delete',
  'rename',
  'add-add',
  'other',
]);
export type ConflictFileKind = z.infer<typeof conflictFileKindSchema>;

export const conflictFileSchema = z.object({
  path: repoPathSchema,
  kind: conflictFileKindSchema,
  /** Empty for conflicts without markers (binary, modify/delete, renames). */
  hunks: z.array(conflictHunkSchema),
  /** Git's own words for this path (e.g. "CONFLICT (modify/delete): ..."). */
  messages: z.array(z.string()),
});
export type ConflictFile = z.infer<typeof conflictFileSchema>;

export const pairDetailsSchema = z.object({
  a: idSchema,
  b: idSchema.nullable(),
  status: pairStatusSchema,
  files: z.array(conflictFileSchema),
  overlaps: z.array(repoPathSchema),
});
export type PairDetails = z.infer<typeof pairDetailsSchema>;

export const simulationStepSchema = z.object({
  threadId: idSchema,
  /** `merged`: applied cleanly on top of the previous steps; `conflict`: would not, and was left out of the chain. */
  outcome: z.enum(['merged', 'conflict', 'error']),
  conflicts: z.array(repoPathSchema),
  /** The commit the chain reached after this step (null when left out). */
  commit: commitIdSchema.nullable(),
  error: z.string().nullable(),
});
export type SimulationStep = z.infer<typeof simulationStepSchema>;

export const simulationSchema = z.object({
  projectId: idSchema,
  base: z.string(),
  baseCommit: commitIdSchema,
  steps: z.array(simulationStepSchema),
  /** The first thread that would not merge cleanly, or null when the whole chain lands. */
  brokeAt: idSchema.nullable(),
});
export type Simulation = z.infer<typeof simulationSchema>;

/** A rebase of a thread's branch onto its base, as it stands in the thread's worktree. */
export const rebaseConflictFileSchema = z.object({
  path: repoPathSchema,
  /** Git's unmerged-stage letters, e.g. `UU` (both modified), `AA`, `DU`, `UD`. */
  status: z.string().max(2),
  binary: z.boolean(),
});
export type RebaseConflictFile = z.infer<typeof rebaseConflictFileSchema>;

export const rebaseStateSchema = z.object({
  threadId: idSchema,
  inProgress: z.boolean(),
  /** The commit being rebased onto (the base when it started). */
  onto: commitIdSchema.nullable(),
  /** The thread's head before the rebase (what abort returns to). */
  origHead: commitIdSchema.nullable(),
  /** Steps done and total, when git reports them. */
  step: z.number().int().nullable(),
  total: z.number().int().nullable(),
  /** The thread's commit being replayed when git stopped. */
  stoppedAt: z.object({ commit: commitIdSchema, subject: z.string() }).nullable(),
  conflicts: z.array(rebaseConflictFileSchema),
  /** Uncommitted work set aside for the rebase (git's autostash and a trash ref), re-applied at the end. */
  stashed: z.boolean(),
  /** Trash ref holding the uncommitted work from before the rebase, when there was any. */
  trashRef: z.string().nullable(),
});
export type RebaseState = z.infer<typeof rebaseStateSchema>;

/** The three sides of one conflicted file during a rebase; null when that side has no file (deleted, or binary). */
export const rebaseFileSchema = z.object({
  path: repoPathSchema,
  /** The common ancestor (stage 1). */
  ancestor: z.string().nullable(),
  /** The base side, i.e. what the branch is being rebased onto (stage 2, git's "ours" during a rebase). */
  base: z.string().nullable(),
  /** The thread's change being replayed (stage 3, git's "theirs" during a rebase). */
  thread: z.string().nullable(),
  /** The file in the worktree now, usually with conflict markers. */
  working: z.string().nullable(),
  binary: z.boolean(),
  language: z.string(),
});
export type RebaseFile = z.infer<typeof rebaseFileSchema>;

/** Which other live threads touch the files a thread is editing: the `thread_overlaps` agent tool's answer. */
export const threadOverlapsSchema = z.object({
  threadId: idSchema,
  touched: z.array(repoPathSchema),
  others: z.array(
    z.object({
      threadId: idSchema,
      title: z.string(),
      branch: z.string(),
      files: z.array(repoPathSchema),
      conflicts: z.array(repoPathSchema),
    }),
  ),
});
export type ThreadOverlaps = z.infer<typeof threadOverlapsSchema>;
