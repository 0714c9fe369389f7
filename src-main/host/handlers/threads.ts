import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerThreadHandlers(router: Router, services: HostServices): void {
  const { projects, threads } = services;
  router.register('thread/start', (params) => {
    // Fails with NOT_FOUND and a sentence before any git work when the project is gone.
    projects.get(params.projectId);
    return threads.start(params);
  });
  router.register('thread/list', (filter) => ({ threads: threads.list(filter) }));
  router.register('thread/get', ({ threadId }) => threads.get(threadId));
  router.register('thread/rename', ({ threadId, title }) => threads.rename(threadId, title));
  router.register('thread/archive', ({ threadId }) => threads.archive(threadId));
  router.register('thread/unarchive', ({ threadId }) => threads.unarchive(threadId));
  router.register('thread/delete', async ({ threadId, force }) => ({
    trash: await threads.delete(threadId, { force }),
  }));
  router.register('trash/list', ({ projectId }) => ({ entries: threads.trash(projectId) }));
}
