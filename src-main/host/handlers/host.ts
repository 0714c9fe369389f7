import { hostMemory } from '../diagnostics/memory';
import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerHostHandlers(router: Router, services: HostServices): void {
  router.register('host/info', () => services.info());
  router.register('host/hello', (_params, { connection }) => {
    connection.resetSession();
    return services.info();
  });
  router.register('host/memory', ({ collect }) =>
    hostMemory(collect ?? false, (full) => services.terminals.mirrorHeap(full)),
  );
}
