import { SECRET_KEPT, SkeinError, type McpServerConfig } from '../../../../src-shared/contract';
import type { NamedSecrets } from './key-store';
import { isSecretRef, newSecretRef, refName } from './secret-refs';

export { isSecretRef, refName } from './secret-refs';

type Slot = 'env' | 'header';

export interface SecretLayer {
  scope: 'user' | 'project';
  projectId: string | null;
}

/** Where a layer's MCP secrets live: `mcp/user/` or `mcp/project/<id>/`. */
export function mcpLayerPrefix(layer: SecretLayer): string {
  return layer.scope === 'user' ? 'mcp/user/' : `mcp/project/${layer.projectId ?? ''}/`;
}

export function mcpSecretName(layer: SecretLayer, server: string, slot: Slot, key: string): string {
  return `${mcpLayerPrefix(layer)}${server}/${slot}/${key}`;
}

function valuesOf(server: McpServerConfig): { slot: Slot; record: Record<string, string> | undefined } {
  return server.transport === 'stdio'
    ? { slot: 'env', record: server.env }
    : { slot: 'header', record: server.headers };
}

function withValues(server: McpServerConfig, record: Record<string, string>): McpServerConfig {
  return server.transport === 'stdio' ? { ...server, env: record } : { ...server, headers: record };
}

/**
 * Whether kept headers may follow the server: not to another host (scheme, host and port), the way
 * browsers drop credentials on a cross-origin redirect; a new host gets its headers entered anew.
 */
function sameHost(origin: McpServerConfig, server: McpServerConfig): boolean {
  if (origin.transport !== 'http' || server.transport !== 'http') return true;
  try {
    return new URL(origin.url).origin === new URL(server.url).origin;
  } catch {
    return false;
  }
}

/** Every reference a list of servers holds. */
export function refsOf(servers: readonly McpServerConfig[]): string[] {
  return servers.flatMap((server) => Object.values(valuesOf(server).record ?? {}).filter(isSecretRef));
}

/** What a client sees: every env and header value is SECRET_KEPT, whatever the row holds. */
export function maskServer(server: McpServerConfig): McpServerConfig {
  const { record } = valuesOf(server);
  if (!record) return server;
  return withValues(server, Object.fromEntries(Object.keys(record).map((key) => [key, SECRET_KEPT])));
}

export const maskServers = (servers: readonly McpServerConfig[] | undefined) => servers?.map(maskServer);

/** The configuration as the server must get it: references replaced by the stored values. */
export async function unsealServer(secrets: NamedSecrets, server: McpServerConfig): Promise<McpServerConfig> {
  const { slot, record } = valuesOf(server);
  if (!record || !Object.values(record).some(isSecretRef)) return server;
  const real: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!isSecretRef(value)) {
      real[key] = value;
      continue;
    }
    const stored = await secrets.get(refName(value));
    if (stored === null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The stored value of the ${slot === 'env' ? 'variable' : 'header'} ${key} of the MCP server "${server.name}" is missing (it may not have been decrypted); enter it again in the MCP settings.`,
      );
    }
    real[key] = stored;
  }
  return withValues(server, real);
}

/**
 * A layer's servers as they may be written to its row: each new value stored as a named secret
 * and replaced by a reference; SECRET_KEPT (or a reference the layer already holds) keeps the value
 * the same server had (`renamed`: under its old name). Values that move to another name are copied;
 * the caller deletes the names no server refers to any more once the row is written.
 */
export async function sealServers(
  secrets: NamedSecrets,
  layer: SecretLayer,
  previous: readonly McpServerConfig[],
  next: readonly McpServerConfig[],
  renamed?: { from: string; to: string },
): Promise<{ servers: McpServerConfig[] }> {
  const held = new Set(refsOf(previous));
  const sealed: McpServerConfig[] = [];
  for (const server of next) {
    const { slot, record } = valuesOf(server);
    if (!record) {
      sealed.push(server);
      continue;
    }
    const originName = renamed && renamed.to === server.name ? renamed.from : server.name;
    const origin = previous.find((entry) => entry.name === originName);
    const originRecord =
      origin && origin.transport === server.transport && sameHost(origin, server)
        ? valuesOf(origin).record
        : undefined;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      const name = mcpSecretName(layer, server.name, slot, key);
      const kept = value === SECRET_KEPT ? originRecord?.[key] : value;
      if (kept === undefined || kept === SECRET_KEPT) {
        throw new SkeinError(
          'INVALID_PARAMS',
          `The ${slot === 'env' ? 'variable' : 'header'} ${key} of the MCP server "${server.name}" has no stored value to keep (a server moved to another host gets its headers entered anew); enter its value.`,
        );
      }
      if (!isSecretRef(kept)) {
        await secrets.set(name, kept);
        out[key] = newSecretRef(name);
      } else if (!held.has(kept)) {
        throw new SkeinError(
          'INVALID_PARAMS',
          `The value of ${key} of the MCP server "${server.name}" refers to a secret this layer does not hold; enter its value.`,
        );
      } else if (refName(kept) === name) {
        out[key] = kept;
      } else {
        const stored = await secrets.get(refName(kept));
        if (stored === null) {
          throw new SkeinError(
            'INVALID_PARAMS',
            `The stored value of ${key} of the MCP server "${server.name}" is missing; enter it again.`,
          );
        }
        await secrets.set(name, stored);
        out[key] = newSecretRef(name);
      }
    }
    sealed.push(withValues(server, out));
  }
  return { servers: sealed };
}
