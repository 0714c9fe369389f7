import { isSkeinError } from '../../../src-shared/contract';
import type { HostServices } from '../create-host';
import type { Router } from '../router';

/** A thread's agent must stop before its worktree goes away, or its tools would fail mid-step. */
async function stopRunningTurn(services: HostServices, threadId: string): Promise<void> {
  try {
    await services.agents.interrupt(threadId);
  } catch (error) {
    // INVALID_STATE: nothing was running, which is the usual case.
    if (!isSkeinError(error) || error.kind !== 'INVALID_STATE') throw error;
  }
}

export function registerThreadHandlers(router: Router, services: HostServices): void {
  const { projects, threads } = services;
  router.register('thread/start', (params) => {
    // Fails with NOT_FOUND and a sentence before any git work when the project is gone.
    projects.get(params.projectId);
    const backend =
      params.backend ?? services.agents.settings.effective({ projectId: params.projectId }).backend;
    return threads.start({ ...params, backend });
  });
  router.register('thread/setBackend', ({ threadId, backend }) =>
    services.agents.setBackend(threadId, backend),
  );
  router.register('thread/list', (filter) => ({ threads: threads.list(filter) }));
  router.register('thread/get', ({ threadId }) => threads.get(threadId));
  router.register('thread/rename', ({ threadId, title }) => threads.rename(threadId, title));
  router.register('thread/archive', async ({ threadId }) => {
    threads.get(threadId);
    await stopRunningTurn(services, threadId);
    await services.agents.releaseBackend(threadId);
    return threads.archive(threadId);
  });
  router.register('thread/unarchive', ({ threadId }) => threads.unarchive(threadId));
  router.register('thread/delete', async ({ threadId, force }) => {
    threads.get(threadId);
    // Only a delete that can go ahead stops the agent: a refused one (dirty, unmerged) leaves it running.
    if (force) await stopRunningTurn(services, threadId);
    const trash = await threads.delete(threadId, { force });
    await services.agents.releaseBackend(threadId);
    return { trash };
  });
  router.register('trash/list', ({ projectId }) => ({ entries: threads.trash(projectId) }));
}
