import { randomUUID } from 'node:crypto';
import { SkeinError, type ReviewComment, type Turn } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import { createLogger } from '../log';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';
import { createCommentRows, publicComment, type NewComment, type StoredComment } from './comment-rows';
import { buildReviewMessage } from './review-message';
import { commentsTouchedByTurn } from './touched-comments';

const log = createLogger('review-comments');

export interface ReviewCommentServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
  /** Only `startTurn`: sending comments is starting a turn like any other. */
  agents: { startTurn(input: { threadId: string; message: string }): Promise<Turn> };
}

export interface ReviewCommentService {
  list(threadId: string): ReviewComment[];
  add(input: Omit<NewComment, 'id'>): ReviewComment;
  edit(commentId: string, body: string): ReviewComment;
  remove(commentId: string): void;
  /** Starts a turn quoting every draft; those drafts become `sent` in that turn. */
  send(threadId: string, message?: string): Promise<{ turn: Turn; comments: ReviewComment[] }>;
  /**
   * A turn ended (the host forwards every `turn/completed`): comments sent in it or before, whose
   * lines it changed, become `resolved`. Runs in the background, one turn at a time.
   */
  turnCompleted(turn: Turn): void;
  /** Resolves once every resolution in flight is done (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Review comments of threads. What may change when:
 * - A draft can be edited and deleted freely.
 * - A sent or resolved comment cannot be edited: its text is already in the message of the turn
 *   it was sent in, and the list must keep showing what the agent was actually told. A reviewer
 *   who wants to add something writes a new comment.
 * - Any comment can be deleted (the turn's message keeps its text); it is the reviewer's list.
 */
export function createReviewCommentService(deps: ReviewCommentServiceDeps): ReviewCommentService {
  const rows = createCommentRows(deps.db);
  /** Threads whose drafts are on their way into a turn, and those drafts. */
  const sending = new Map<string, ReadonlySet<string>>();
  let resolutions: Promise<void> = Promise.resolve();
  let disposed = false;

  const publish = (threadId: string) =>
    deps.publisher.publish('review/comments', {
      threadId,
      comments: rows.ofThread(threadId).map(publicComment),
    });

  const existing = (commentId: string): StoredComment => {
    const comment = rows.get(commentId);
    if (!comment) {
      throw new SkeinError(
        'NOT_FOUND',
        `There is no review comment with id ${commentId}; it may have been deleted. Refresh the review.`,
        { commentId },
      );
    }
    return comment;
  };

  async function resolveFor(turn: Turn): Promise<void> {
    // The comments sent in this turn were written on the worktree as it started.
    if (turn.snapshotBefore !== null) rows.setLinesCommit(turn.threadId, turn.seq, turn.snapshotBefore);
    const candidates = rows
      .withStatus(turn.threadId, 'sent')
      .filter((comment) => comment.sentTurnSeq !== null && comment.sentTurnSeq <= turn.seq);
    if (candidates.length === 0 || turn.snapshotBefore === null || turn.snapshotAfter === null) return;
    const thread = deps.threads.get(turn.threadId);
    const repoPath = deps.projects.get(thread.projectId).path;
    const touched = await commentsTouchedByTurn({ git: deps.git, repoPath, thread }, turn, candidates);
    if (touched.length === 0) return;
    const resolved = rows.markResolved(touched, turn.id, Date.now());
    if (resolved.length > 0) publish(turn.threadId);
  }

  return {
    list(threadId) {
      deps.threads.get(threadId);
      return rows.ofThread(threadId).map(publicComment);
    },

    add(input) {
      deps.threads.get(input.threadId);
      const comment = rows.insert({ ...input, id: randomUUID() }, Date.now());
      publish(input.threadId);
      return publicComment(comment);
    },

    edit(commentId, body) {
      const comment = existing(commentId);
      if (comment.status !== 'draft' || sending.get(comment.threadId)?.has(commentId)) {
        throw new SkeinError(
          'INVALID_STATE',
          'This comment was already sent to the agent, so its text can no longer change. Write a new comment instead.',
          { commentId, status: comment.status },
        );
      }
      rows.editDraft(commentId, body, Date.now());
      publish(comment.threadId);
      return publicComment(existing(commentId));
    },

    remove(commentId) {
      const comment = existing(commentId);
      rows.remove(commentId);
      publish(comment.threadId);
    },

    async send(threadId, message) {
      const thread = deps.threads.get(threadId);
      if (sending.has(threadId)) {
        throw new SkeinError(
          'INVALID_STATE',
          `The review comments of "${thread.title}" are being sent already; wait for the turn to start.`,
          { threadId },
        );
      }
      const drafts = rows.withStatus(threadId, 'draft');
      const words = message?.trim() ?? '';
      if (drafts.length === 0 && words === '') {
        throw new SkeinError(
          'INVALID_STATE',
          'There are no draft comments to send. Comment on some lines first, or write a message.',
          { threadId },
        );
      }
      sending.set(threadId, new Set(drafts.map((draft) => draft.id)));
      let turn: Turn;
      try {
        // A running turn makes this throw; the comments then simply stay drafts.
        turn = await deps.agents.startTurn({ threadId, message: buildReviewMessage(drafts, words) });
      } finally {
        sending.delete(threadId);
      }
      const sentIds = rows.markSent(
        drafts.map((draft) => draft.id),
        turn,
        Date.now(),
      );
      if (sentIds.length > 0) publish(threadId);
      const comments = sentIds.map((id) => publicComment(existing(id)));
      return { turn, comments };
    },

    turnCompleted(turn) {
      if (disposed) return;
      // One at a time: a later turn's resolution sees what an earlier one marked.
      resolutions = resolutions
        .then(() => resolveFor(turn))
        .catch((error: unknown) =>
          log.error(`Could not resolve review comments after turn ${turn.id}`, error),
        );
    },

    idle() {
      return resolutions;
    },

    /** Finishes the resolutions already queued (they need git and the store, disposed after this). */
    async dispose() {
      disposed = true;
      await resolutions;
    },
  };
}
