import { z } from 'zod';
import { idSchema } from './models';

/** Shapes of the review: diffs, comments, merges and pull requests. */

/** A commit id as git prints it (40 hex digits for SHA-1, 64 for SHA-256). */
export const commitIdSchema = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full commit id');

/** A path relative to the worktree root, with forward slashes, never leaving it. */
export const repoPathSchema = z
  .string()
  .min(1)
  .max(4_096)
  .refine(
    // A NUL byte cannot be in a file name; refused here rather than deep in git or fs.
    (path) => !path.startsWith('/') && !path.split('/').includes('..') && !path.includes('\0'),
    'a path inside the worktree',
  );

/**
 * What a review compares. `base`: the thread's whole work against the merge-base with its base
 * branch, uncommitted and untracked files included. `turn`: what one agent turn changed (the
 * snapshots taken before and after it).
 */
export const diffRangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base') }).strict(),
  z.object({ kind: z.literal('turn'), turnId: idSchema }).strict(),
]);
export type DiffRange = z.infer<typeof diffRangeSchema>;

export const fileChangeKindSchema = z.enum([
  'added',
  'modified',
  'deleted',
  'renamed',
  'copied',
  'type_changed',
]);
export type FileChangeKind = z.infer<typeof fileChangeKindSchema>;

export const diffFileSchema = z.object({
  path: z.string(),
  /** The path before a rename or copy. */
  oldPath: z.string().nullable(),
  change: fileChangeKindSchema,
  /** Git modes as octal text (`100644`, `100755`, `120000`); null on the side where the file is absent. */
  oldMode: z.string().nullable(),
  newMode: z.string().nullable(),
  /** Line counts; null for binary files. */
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
  binary: z.boolean(),
  /** Sizes in bytes; null on the side where the file is absent. */
  oldSize: z.number().int().nullable(),
  newSize: z.number().int().nullable(),
  /** True when the file also has changes that are not committed yet (only for the `base` range). */
  uncommitted: z.boolean(),
});
export type DiffFile = z.infer<typeof diffFileSchema>;

export const diffSummarySchema = z.object({
  threadId: idSchema,
  range: diffRangeSchema,
  /** Left side: the merge-base (or the turn's "before" snapshot). */
  from: commitIdSchema,
  /** Right side: a snapshot commit of the worktree (or the turn's "after" snapshot). */
  to: commitIdSchema,
  /** The base branch and its current tip, for the `base` range. */
  base: z.object({ branch: z.string(), commit: commitIdSchema }).nullable(),
  files: z.array(diffFileSchema),
  totals: z.object({ files: z.number().int(), additions: z.number().int(), deletions: z.number().int() }),
});
export type DiffSummary = z.infer<typeof diffSummarySchema>;

/** One hunk as git reports it (`@@ -oldStart,oldLines +newStart,newLines @@`). */
export const diffHunkSchema = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  /** The hunk's header line, e.g. `@@ -3,4 +3,5 @@ function f()`. Sent back to revert this hunk. */
  header: z.string(),
});
export type DiffHunk = z.infer<typeof diffHunkSchema>;

export const fileDiffSchema = z.object({
  path: z.string(),
  oldPath: z.string().nullable(),
  change: fileChangeKindSchema,
  binary: z.boolean(),
  oldSize: z.number().int().nullable(),
  newSize: z.number().int().nullable(),
  /**
   * True when a side is larger than the inline limit and `full` was not asked for: the contents are
   * then null and the UI offers to load them.
   */
  tooLarge: z.boolean(),
  /** Text of each side; null when absent, binary or too large. */
  oldContent: z.string().nullable(),
  newContent: z.string().nullable(),
  /** A Monaco language id guessed from the file name (`typescript`, `markdown`, `plaintext`…). */
  language: z.string(),
  hunks: z.array(diffHunkSchema),
});
export type FileDiff = z.infer<typeof fileDiffSchema>;

export const commentSideSchema = z.enum(['old', 'new']);

export const reviewCommentStatusSchema = z.enum([
  /** Written, not sent to the agent yet. */
  'draft',
  /** Sent to the agent in a turn. */
  'sent',
  /** A later turn changed the lines it is about. */
  'resolved',
]);

export const reviewCommentSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  path: z.string(),
  side: commentSideSchema,
  /** 1-based, inclusive. */
  startLine: z.number().int().min(1),
  endLine: z.number().int().min(1),
  body: z.string(),
  /** The lines the comment is about, as they were when it was written. */
  quote: z.string(),
  status: reviewCommentStatusSchema,
  /** The turn the comment was sent in, and the later turn that touched its lines. */
  sentTurnId: idSchema.nullable(),
  resolvedTurnId: idSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

export const mergeStrategySchema = z.enum(['merge', 'squash', 'rebase']);
export type MergeStrategy = z.infer<typeof mergeStrategySchema>;

export const mergePreviewSchema = z.object({
  threadId: idSchema,
  base: z.string(),
  baseCommit: commitIdSchema,
  head: commitIdSchema,
  /** Commits on the thread's branch that the base does not have. */
  commits: z.number().int(),
  /** The base has nothing the branch lacks: a fast-forward is possible. */
  fastForward: z.boolean(),
  /** Files that would conflict; empty when the merge is clean. */
  conflicts: z.array(z.string()),
  /** The thread has uncommitted or untracked changes; they are not part of a merge. */
  uncommitted: z.boolean(),
  /** The branch's content is already in the base (merged, squashed or rebased in). */
  alreadyMerged: z.boolean(),
  /** Where the base is checked out, if anywhere, and whether that checkout is clean. */
  checkout: z.object({ path: z.string(), clean: z.boolean() }).nullable(),
});
export type MergePreview = z.infer<typeof mergePreviewSchema>;

export const mergeResultSchema = z.object({
  threadId: idSchema,
  strategy: mergeStrategySchema,
  base: z.string(),
  baseBefore: commitIdSchema,
  baseAfter: commitIdSchema,
  /** The user's checkout of the base, when it was fast-forwarded to the new tip. */
  checkoutUpdated: z.string().nullable(),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const remoteSchema = z.object({ name: z.string(), url: z.string() });

export const publishInfoSchema = z.object({
  remotes: z.array(remoteSchema),
  /** The GitHub CLI: installed, and logged in. */
  gh: z.object({ installed: z.boolean(), loggedIn: z.boolean() }),
  /** Prefilled from the thread: its title, and a body listing its turns' requests and the changed files. */
  title: z.string(),
  body: z.string(),
});
export type PublishInfo = z.infer<typeof publishInfoSchema>;

export const publishResultSchema = z.object({
  remote: z.string(),
  branch: z.string(),
  /** The pull request's URL when `gh` opened one. */
  pullRequestUrl: z.string().nullable(),
  /** A web page to open a pull request by hand (GitHub, GitLab, Bitbucket remotes), when known. */
  compareUrl: z.string().nullable(),
  /** What `git push` (and `gh`) printed. */
  output: z.string(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
