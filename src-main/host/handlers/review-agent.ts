import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerReviewAgentHandlers(
  router: Router,
  services: Pick<HostServices, 'reviewAgent'>,
): void {
  const { reviewAgent } = services;
  router.register('reviewAgent/run', async (params) => ({ run: await reviewAgent.run(params) }));
  router.register('reviewAgent/runs', ({ threadId }) => ({ runs: reviewAgent.runs(threadId) }));
  router.register('reviewAgent/cancel', ({ runId }) => ({ run: reviewAgent.cancel(runId) }));
  router.register('reviewAgent/dismiss', ({ findingId }) => ({ finding: reviewAgent.dismiss(findingId) }));
  router.register('reviewAgent/send', ({ findingId }) => reviewAgent.send(findingId));
}
