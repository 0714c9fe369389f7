import { z } from 'zod';
import { turnSchema } from './agent-models';
import { idSchema, threadSchema } from './models';
import {
  commentSideSchema,
  commitIdSchema,
  diffRangeSchema,
  diffSummarySchema,
  fileDiffSchema,
  mergePreviewSchema,
  mergeResultSchema,
  mergeStrategySchema,
  publishInfoSchema,
  publishResultSchema,
  repoPathSchema,
  reviewCommentSchema,
} from './review-models';

/** Requests of review, merge and pull requests, merged into `methods` (methods.ts). */
const ok = z.object({ ok: z.literal(true) });
const threadOnly = z.object({ threadId: idSchema }).strict();
/** Set when uncommitted work was saved to the trash before an edit replaced it. */
const trashed = z.object({ trashRef: z.string().nullable() });

export const reviewMethods = {
  /** The changed files of a thread (against its base, or of one turn). Cheap: no file contents. */
  'review/files': {
    params: z.object({ threadId: idSchema, range: diffRangeSchema }).strict(),
    result: diffSummarySchema,
  },
  /** Both sides of one file between two commits of a `review/files` answer. */
  'review/fileDiff': {
    params: z
      .object({
        threadId: idSchema,
        from: commitIdSchema,
        to: commitIdSchema,
        path: repoPathSchema,
        oldPath: repoPathSchema.nullable().optional(),
        /** Load a file past the inline size limit anyway. */
        full: z.boolean().optional(),
      })
      .strict(),
    result: fileDiffSchema,
  },
  /** Send `review/changed` to everyone while this connection has the thread's review open. */
  'review/watch': { params: threadOnly, result: ok },
  'review/unwatch': { params: threadOnly, result: ok },

  /**
   * The unified diff between two commits of a `review/files` answer, cut at `maxChars` (for callers
   * that read text, such as the MCP tool thread_diff; the GUI uses review/fileDiff per file).
   */
  'review/patch': {
    params: z
      .object({
        threadId: idSchema,
        from: commitIdSchema,
        to: commitIdSchema,
        maxChars: z.number().int().min(1).max(50_000_000).optional(),
      })
      .strict(),
    result: z.object({ patch: z.string(), truncated: z.boolean() }),
  },

  /** Puts one file back as it is in the merge-base (an added file is removed). */
  'review/revertFile': {
    params: z.object({ threadId: idSchema, path: repoPathSchema }).strict(),
    result: trashed,
  },
  /** Undoes one hunk of a file's diff against the base, in the worktree only. */
  'review/revertHunk': {
    params: z
      .object({
        threadId: idSchema,
        path: repoPathSchema,
        /** The hunk as `review/fileDiff` gave it; refused if the file has changed since. */
        header: z.string().min(1).max(2_000),
        to: commitIdSchema,
      })
      .strict(),
    result: trashed,
  },
  /** Stages (all changes, or only `paths`) and commits in the thread's worktree. */
  'review/commit': {
    params: z
      .object({
        threadId: idSchema,
        message: z.string().trim().min(1).max(100_000),
        amend: z.boolean().optional(),
        paths: z.array(repoPathSchema).max(100_000).optional(),
      })
      .strict(),
    result: z.object({ commit: commitIdSchema }),
  },
  /** A commit message for the thread's uncommitted work: from the thread's model, or a summary of the files. */
  'review/proposeMessage': {
    params: threadOnly,
    result: z.object({ message: z.string(), source: z.enum(['agent', 'summary']) }),
  },

  'review/comments': { params: threadOnly, result: z.object({ comments: z.array(reviewCommentSchema) }) },
  'review/addComment': {
    params: z
      .object({
        threadId: idSchema,
        path: repoPathSchema,
        side: commentSideSchema,
        startLine: z.number().int().min(1),
        endLine: z.number().int().min(1),
        body: z.string().trim().min(1).max(20_000),
        quote: z.string().max(100_000),
      })
      .strict()
      .refine((comment) => comment.endLine >= comment.startLine, 'endLine must not be before startLine'),
    result: reviewCommentSchema,
  },
  'review/editComment': {
    params: z.object({ commentId: idSchema, body: z.string().trim().min(1).max(20_000) }).strict(),
    result: reviewCommentSchema,
  },
  'review/deleteComment': { params: z.object({ commentId: idSchema }).strict(), result: ok },
  /** Starts a turn whose message quotes every draft comment with its file and lines. */
  'review/send': {
    params: z.object({ threadId: idSchema, message: z.string().max(20_000).optional() }).strict(),
    result: z.object({ turn: turnSchema, comments: z.array(reviewCommentSchema) }),
  },

  /** What merging the thread into its base would do, without doing it. */
  'thread/mergePreview': { params: threadOnly, result: mergePreviewSchema },
  /**
   * Merges the thread's committed work into its base branch with git plumbing; the base moves by
   * compare-and-swap. Refuses (changing nothing) on conflicts, on a dirty checkout of the base, or
   * when the base is no longer at `expectedBaseCommit`.
   */
  'thread/merge': {
    params: z
      .object({
        threadId: idSchema,
        strategy: mergeStrategySchema,
        /** Message of the merge or squash commit; a default names the thread. */
        message: z.string().trim().min(1).max(100_000).optional(),
        expectedBaseCommit: commitIdSchema.optional(),
      })
      .strict(),
    result: mergeResultSchema,
  },
  'thread/publishInfo': { params: threadOnly, result: publishInfoSchema },
  /** Pushes the thread's branch and, when asked and `gh` is ready, opens a pull request. */
  'thread/publish': {
    params: z
      .object({
        threadId: idSchema,
        remote: z.string().min(1).max(200),
        pullRequest: z.boolean(),
        title: z.string().trim().min(1).max(300).optional(),
        body: z.string().max(60_000).optional(),
        draft: z.boolean().optional(),
      })
      .strict(),
    result: publishResultSchema,
  },
  /** Starts a new thread holding a trash entry's work: its branch at the saved commit's parent, the rest uncommitted. */
  'trash/restore': {
    params: z.object({ entryId: idSchema, title: z.string().trim().min(1).max(200).optional() }).strict(),
    result: threadSchema,
  },
} as const;
