import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerManagerHandlers(router: Router, services: Pick<HostServices, 'managers'>): void {
  const { managers } = services;
  router.register('manager/start', (params) => managers.start(params));
  router.register('manager/get', ({ threadId }) => ({ manager: managers.get(threadId) }));
  router.register('manager/list', ({ projectId }) => ({ managers: managers.list(projectId) }));
  router.register('manager/runGate', async ({ threadId }) => ({ manager: await managers.runGate(threadId) }));
  router.register('manager/waiveGate', ({ threadId, reason }) => ({
    manager: managers.waiveGate(threadId, reason),
  }));
}
