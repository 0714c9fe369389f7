import type { GitQueue } from '../../core/git';
import type { ReviewService } from '../../core/review';
import type { ThreadService } from '../../core/threads';
import type { Router } from '../router';

/** Without a limit a patch stays below what one frame carries comfortably (the stdio frame cap is 64 MiB). */
const DEFAULT_PATCH_MAX_CHARS = 20_000_000;

/** Review of a thread's changes: diffs, edits, commits and file watching (comments are registered elsewhere). */
export function registerReviewHandlers(
  router: Router,
  services: { review: ReviewService; git: GitQueue; threads: ThreadService },
): void {
  const { review } = services;
  router.register('review/files', ({ threadId, range }) => review.files(threadId, range));
  router.register('review/patch', async ({ threadId, from, to, maxChars }) => {
    const thread = services.threads.get(threadId);
    const { stdout } = await services.git.run(['diff', '--no-color', '--no-ext-diff', '-M', from, to], {
      cwd: thread.worktreePath,
    });
    const limit = maxChars ?? DEFAULT_PATCH_MAX_CHARS;
    return { patch: stdout.slice(0, limit), truncated: stdout.length > limit };
  });
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
