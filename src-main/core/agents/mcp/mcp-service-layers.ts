import { SkeinError, type McpServerConfig } from '../../../../src-shared/contract';

/** Skein's limit on servers per settings layer (agent-models.ts). */
export const MAX_SERVERS_PER_LAYER = 50;

export type LayerName = 'user' | 'project';

const layerLabel = (scope: LayerName) =>
  scope === 'user' ? "the user's settings" : "the project's settings";

function checkSize(list: readonly McpServerConfig[], scope: LayerName): void {
  if (list.length > MAX_SERVERS_PER_LAYER) {
    throw new SkeinError(
      'INVALID_PARAMS',
      `There can be at most ${MAX_SERVERS_PER_LAYER} MCP servers in ${layerLabel(scope)}; remove some first.`,
    );
  }
}

/**
 * A layer's list after saving `server`: in place of `previousName` (a rename, which must not take
 * another server's name), else in place of the server of the same name, else appended.
 */
export function withSaved(
  list: readonly McpServerConfig[],
  server: McpServerConfig,
  previousName: string | undefined,
  scope: LayerName,
): McpServerConfig[] {
  const next = [...list];
  const replaced = previousName ?? server.name;
  const at = next.findIndex((entry) => entry.name === replaced);
  if (previousName !== undefined) {
    if (at < 0)
      throw new SkeinError(
        'NOT_FOUND',
        `There is no MCP server "${previousName}" in ${layerLabel(scope)} to rename.`,
      );
    if (server.name !== previousName && next.some((entry) => entry.name === server.name)) {
      throw new SkeinError(
        'INVALID_PARAMS',
        `An MCP server named "${server.name}" already exists in ${layerLabel(scope)}; choose another name.`,
      );
    }
  }
  if (at < 0) next.push(server);
  else next[at] = server;
  checkSize(next, scope);
  return next;
}

export function withoutServer(
  list: readonly McpServerConfig[],
  name: string,
  scope: LayerName,
): McpServerConfig[] {
  if (!list.some((entry) => entry.name === name))
    throw new SkeinError('NOT_FOUND', `There is no MCP server "${name}" in ${layerLabel(scope)}.`);
  return list.filter((entry) => entry.name !== name);
}

/** A layer's list with `servers` imported: same names replaced in place, new ones appended. */
export function withImported(
  list: readonly McpServerConfig[],
  servers: readonly McpServerConfig[],
  scope: LayerName,
): McpServerConfig[] {
  const names = servers.map((server) => server.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined)
    throw new SkeinError('INVALID_PARAMS', `Two of the servers to import are named "${twice}"; rename one.`);
  const next = [...list];
  for (const server of servers) {
    const at = next.findIndex((entry) => entry.name === server.name);
    if (at < 0) next.push(server);
    else next[at] = server;
  }
  checkSize(next, scope);
  return next;
}
