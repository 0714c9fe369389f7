import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerReviewCommentHandlers(
  router: Router,
  services: Pick<HostServices, 'reviewComments'>,
): void {
  const { reviewComments } = services;
  router.register('review/comments', ({ threadId }) => ({ comments: reviewComments.list(threadId) }));
  router.register('review/addComment', (comment) => reviewComments.add(comment));
  router.register('review/editComment', ({ commentId, body }) => reviewComments.edit(commentId, body));
  router.register('review/deleteComment', ({ commentId }) => {
    reviewComments.remove(commentId);
    return { ok: true as const };
  });
  router.register('review/send', ({ threadId, message }) => reviewComments.send(threadId, message));
}
