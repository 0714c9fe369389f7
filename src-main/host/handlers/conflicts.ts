import type { ConflictService } from '../../core/conflicts';
import type { Router } from '../router';

/** The conflict radar: the matrix, one cell's details, merge-order simulation, a thread's overlaps. */
export function registerConflictHandlers(router: Router, services: { conflicts: ConflictService }): void {
  const { conflicts } = services;
  router.register('conflicts/get', ({ projectId }) => conflicts.get(projectId));
  router.register('conflicts/refresh', ({ projectId, threadId }) => conflicts.refresh(projectId, threadId));
  router.register('conflicts/pair', ({ a, b }) => conflicts.pair(a, b));
  router.register('conflicts/simulate', ({ projectId, order }) => conflicts.simulate(projectId, order));
  router.register('conflicts/overlaps', ({ threadId }) => conflicts.overlaps(threadId));
}
