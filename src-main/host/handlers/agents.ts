import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerAgentHandlers(router: Router, services: Pick<HostServices, 'agents'>): void {
  const { agents } = services;
  const ok = { ok: true } as const;
  router.register('turn/start', async (params) => ({ turn: await agents.startTurn(params) }));
  router.register('turn/continue', async ({ threadId, message }) => ({
    turn: await agents.continueTurn(threadId, message),
  }));
  router.register('turn/interrupt', async ({ threadId }) => {
    await agents.interrupt(threadId);
    return ok;
  });
  router.register('turn/steer', ({ threadId, message }) => agents.steer(threadId, message));
  router.register('thread/items', ({ threadId }) => agents.transcript(threadId));
  router.register('agent/getSettings', (target) => agents.settings.view(target));
  router.register('agent/setSettings', ({ scope, settings, ...target }) =>
    agents.settings.set(scope, target, settings),
  );
  router.register('agent/setKey', async ({ provider, apiKey }) => {
    await agents.settings.setKey(provider, apiKey);
    return ok;
  });
  router.register('agent/models', (target) => agents.settings.models(target));
}
