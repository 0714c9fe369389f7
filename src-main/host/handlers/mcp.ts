import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerMcpHandlers(router: Router, services: Pick<HostServices, 'mcp'>): void {
  const { mcp } = services;
  const ok = { ok: true } as const;
  router.register('mcp/list', (target) => ({ servers: mcp.list(target) }));
  router.register('mcp/save', async ({ server, previousName, ...layer }) => ({
    servers: await mcp.save(layer, server, previousName),
  }));
  router.register('mcp/remove', async ({ name, ...layer }) => ({ servers: await mcp.remove(layer, name) }));
  router.register('mcp/test', ({ server, previousName, ...layer }) => mcp.test(server, layer, previousName));
  router.register('mcp/setEnabled', ({ name, enabled, ...target }) => {
    mcp.setEnabled(target, name, enabled);
    return ok;
  });
  router.register('mcp/restart', async ({ name, projectId }) => {
    await mcp.restart(name, projectId);
    return ok;
  });
  router.register('mcp/importPreview', ({ source, ...layer }) => mcp.importPreview(source, layer));
  router.register('mcp/import', async ({ servers, ...layer }) => ({
    servers: await mcp.importServers(layer, servers),
  }));
}
