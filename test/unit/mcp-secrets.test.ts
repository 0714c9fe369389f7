import { describe, expect, it } from 'vitest';
import { SECRET_KEPT, type McpServerConfig } from '../../src-shared/contract';
import type { NamedSecrets } from '../../src-main/core/agents/settings/key-store';
import {
  maskServer,
  refName,
  sealServers,
  unsealServer,
  type SecretLayer,
} from '../../src-main/core/agents/settings/mcp-secrets';

/** The key store's named secrets, in memory. */
function memorySecrets(): NamedSecrets & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (name) => Promise.resolve(map.get(name) ?? null),
    set: (name, value) => Promise.resolve(void map.set(name, value)),
    delete: (names) => Promise.resolve(names.forEach((name) => map.delete(name))),
    names: (prefix) => Promise.resolve([...map.keys()].filter((name) => name.startsWith(prefix))),
  };
}

const USER: SecretLayer = { scope: 'user', projectId: null };
const http = (headers: Record<string, string>, url = 'https://mcp.example.com/mcp'): McpServerConfig => ({
  name: 'remote',
  transport: 'http',
  url,
  headers,
});

describe('MCP secrets in settings rows', () => {
  it('stores values as named secrets, keeps them through the placeholder, and reveals them only to the host', async () => {
    const secrets = memorySecrets();
    const first = await sealServers(secrets, USER, [], [http({ Authorization: 'Bearer one' })]);
    const ref = first.servers[0]?.transport === 'http' ? first.servers[0].headers?.Authorization : undefined;
    expect(ref).toMatch(/^skein-secret:mcp\/user\/remote\/header\/Authorization#[0-9a-f]{12}$/);
    expect(JSON.stringify(first.servers)).not.toContain('Bearer one');
    expect(secrets.map.get(refName(ref ?? ''))).toBe('Bearer one');
    expect(maskServer(first.servers[0] as McpServerConfig)).toEqual(http({ Authorization: SECRET_KEPT }));

    const kept = await sealServers(secrets, USER, first.servers, [http({ Authorization: SECRET_KEPT })]);
    expect(kept.servers).toEqual(first.servers);
    const changed = await sealServers(secrets, USER, first.servers, [http({ Authorization: 'Bearer two' })]);
    // A new value is a new configuration (a new revision): the manager starts a new server with it.
    expect(changed.servers).not.toEqual(first.servers);
    expect(await unsealServer(secrets, changed.servers[0] as McpServerConfig)).toEqual(
      http({ Authorization: 'Bearer two' }),
    );
  });

  it('moves values with a renamed server, and refuses what would send a secret elsewhere', async () => {
    const secrets = memorySecrets();
    const { servers } = await sealServers(secrets, USER, [], [http({ Authorization: 'Bearer one' })]);
    const renamed = await sealServers(
      secrets,
      USER,
      servers,
      [{ ...http({ Authorization: SECRET_KEPT }), name: 'tracker' }],
      { from: 'remote', to: 'tracker' },
    );
    const moved = renamed.servers[0] as McpServerConfig;
    expect(await unsealServer(secrets, moved)).toMatchObject({ headers: { Authorization: 'Bearer one' } });
    expect(JSON.stringify(moved)).toContain('mcp/user/tracker/header/Authorization');

    // Another host does not get the kept headers.
    await expect(
      sealServers(secrets, USER, servers, [http({ Authorization: SECRET_KEPT }, 'https://evil.example/mcp')]),
    ).rejects.toThrow(/enter its value/);
    // A reference the layer does not hold (forged by a client) is refused.
    await expect(
      sealServers(secrets, USER, [], [http({ Authorization: 'skein-secret:mcp/user/other/header/X#00' })]),
    ).rejects.toThrow(/does not hold/);
    // A placeholder with nothing stored behind it is refused.
    await expect(sealServers(secrets, USER, [], [http({ Authorization: SECRET_KEPT })])).rejects.toThrow(
      /no stored value/,
    );
  });
});
