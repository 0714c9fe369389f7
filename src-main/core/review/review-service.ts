import { deleteRef } from '../git';
import { createLogger } from '../log';
import { commitWork } from './commit';
import { reviewRefName } from './diff-sides';
import { readFileDiff } from './file-diff';
import { listChangedFiles } from './list-files';
import { proposeCommitMessage } from './propose-message';
import { revertFile } from './revert-file';
import { revertHunk } from './revert-hunk';
import { createReviewWatchers } from './review-watchers';
import { createLineCountCache } from './line-counts';
import { createSizeCache } from './object-sizes';
import { createPerThreadQueue } from './per-thread-queue';
import type { ReviewContext, ReviewService, ReviewServiceDeps } from './types';

const log = createLogger('review');

/** The host side of a thread's review: diffs, edits, commits and file watching. */
export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const context: ReviewContext = { ...deps, lineCounts: createLineCountCache(), sizes: createSizeCache() };
  const watchers = createReviewWatchers(deps);
  const oneEditAtATime = createPerThreadQueue();
  /** Threads whose review ref was set in this run, with the repository holding it (the thread row may be gone later). */
  const heldRefs = new Map<string, string>();

  return {
    async files(threadId, range) {
      const summary = await listChangedFiles(context, threadId, range);
      if (range.kind === 'base')
        heldRefs.set(threadId, deps.projects.get(deps.threads.get(threadId).projectId).path);
      return summary;
    },
    fileDiff: (request) => readFileDiff(context, request),
    revertFile: (threadId, path) => oneEditAtATime(threadId, () => revertFile(deps, threadId, path)),
    revertHunk: (input) => oneEditAtATime(input.threadId, () => revertHunk(deps, input)),
    commit: (input) => oneEditAtATime(input.threadId, () => commitWork(deps, input)),
    proposeMessage: (threadId) => proposeCommitMessage(deps, threadId),
    watch: (threadId, subscriber) => watchers.watch(threadId, subscriber),
    unwatch: (threadId, subscriberId) => watchers.unwatch(threadId, subscriberId),
    async threadGone(threadId) {
      await watchers.stop(threadId);
      const repository = heldRefs.get(threadId);
      if (repository === undefined) return;
      heldRefs.delete(threadId);
      try {
        await deleteRef(deps.git, repository, reviewRefName(threadId));
      } catch (error) {
        log.warn(`Could not delete the review ref of thread ${threadId}`, error);
      }
    },
    watchedThreads: () => watchers.watchedThreads(),
    dispose: () => watchers.dispose(),
  };
}
