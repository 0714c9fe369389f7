import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerProjectHandlers(router: Router, services: HostServices): void {
  const { projects } = services;
  router.register('project/add', ({ path }) => projects.add(path));
  router.register('project/list', () => ({ projects: projects.list() }));
  router.register('project/update', ({ projectId, ...patch }) => projects.update(projectId, patch));
  router.register('project/remove', async ({ projectId }) => {
    await projects.remove(projectId);
    return { ok: true as const };
  });
  router.register('project/branches', ({ projectId }) => projects.branches(projectId));
}
