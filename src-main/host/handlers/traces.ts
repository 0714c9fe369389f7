import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerTraceHandlers(router: Router, services: Pick<HostServices, 'traces'>): void {
  const { traces } = services;
  router.register('trace/thread', ({ threadId }) => traces.timeline(threadId));
  router.register('trace/totals', ({ projectId, days }) => traces.totals({ projectId, days }));
  router.register('trace/export', ({ threadId, includeContent }) =>
    traces.exportJsonl(threadId, { includeContent }),
  );
  router.register('trace/getSettings', () => traces.settings());
  router.register('trace/setSettings', (patch) => traces.setSettings(patch));
}
