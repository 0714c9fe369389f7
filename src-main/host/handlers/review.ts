import type { ReviewService } from '../../core/review';
import type { Router } from '../router';

/** Review of a thread's changes: diffs, edits, commits and file watching (comments are registered elsewhere). */
export function registerReviewHandlers(router: Router, services: { review: ReviewService }): void {
  const { review } = services;
  router.register('review/files', ({ threadId, range }) => review.files(threadId, range));
  router.register('review/fileDiff', (params) => review.fileDiff(params));
  router.register('review/watch', async ({ threadId }, { connection }) => {
    await review.watch(threadId, connection);
    return { ok: true as const };
  });
  router.register('review/unwatch', async ({ threadId }, { connection }) => {
    await review.unwatch(threadId, connection.id);
    return { ok: true as const };
  });
  router.register('review/revertFile', ({ threadId, path }) => review.revertFile(threadId, path));
  router.register('review/revertHunk', (params) => review.revertHunk(params));
  router.register('review/commit', (params) => review.commit(params));
  router.register('review/proposeMessage', ({ threadId }) => review.proposeMessage(threadId));
}
