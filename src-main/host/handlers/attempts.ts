import type { AttemptService } from '../../core/attempts';
import type { Router } from '../router';

/** Attempts (best-of-N) and the project's check command. */
export function registerAttemptHandlers(router: Router, services: { attempts: AttemptService }): void {
  const { attempts } = services;
  router.register('attempt/start', async (params) => ({ group: await attempts.start(params) }));
  router.register('attempt/list', async ({ projectId }) => ({ groups: await attempts.list(projectId) }));
  router.register('attempt/get', async ({ groupId }) => ({ group: await attempts.get(groupId) }));
  router.register('attempt/ofThread', async ({ threadId }) => ({ group: await attempts.ofThread(threadId) }));
  router.register('attempt/check', async ({ groupId, threadId }) => ({
    group: await attempts.check(groupId, threadId),
  }));
  router.register('attempt/compare', ({ groupId, fromThreadId, toThreadId }) =>
    attempts.compare(groupId, fromThreadId, toThreadId),
  );
  router.register('attempt/pick', async ({ groupId, threadId }) => ({
    group: await attempts.pick(groupId, threadId),
  }));
  router.register('attempt/takeHunks', (params) => attempts.takeHunks(params));
  router.register('check/run', ({ threadId }) => attempts.runCheck(threadId));
}
