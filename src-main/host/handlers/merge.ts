import type { MergeService } from '../../core/merge';
import type { HostServices } from '../create-host';
import type { Router } from '../router';

/** Merge into the base, push and pull requests, and restoring trash entries as new threads. */
export function registerMergeHandlers(
  router: Router,
  services: Pick<HostServices, 'threads'> & { merge: MergeService },
): void {
  const { merge, threads } = services;
  router.register('thread/mergePreview', ({ threadId }) => merge.preview(threadId));
  router.register('thread/merge', (params) => merge.merge(params));
  router.register('thread/publishInfo', ({ threadId }) => merge.publishInfo(threadId));
  router.register('thread/publish', (params) => merge.publish(params));
  router.register('trash/restore', ({ entryId, title }) => threads.restore(entryId, title));
}
