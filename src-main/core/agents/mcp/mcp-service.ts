import {
  SECRET_KEPT,
  SkeinError,
  type McpImportCandidate,
  type McpImportSource,
  type McpServerConfig,
  type McpServerEntry,
  type McpTestResult,
} from '../../../../src-shared/contract';
import type { Publisher } from '../../events';
import type { ProjectService } from '../../projects';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';
import type { AgentSettingsService, McpSaveOptions } from '../settings/agent-settings-service';
import { isSecretRef, maskServer } from '../settings/mcp-secrets';
import { createMcpEnabledRows } from './mcp-enabled-rows';
import { readImportSource, type ImportPlaces } from './mcp-import-source';
import { withImported, withoutServer, withSaved, type LayerName } from './mcp-service-layers';
import type { McpManager } from './types';

export interface McpLayer {
  scope: LayerName;
  projectId?: string;
}

export interface McpListTarget {
  projectId?: string;
  threadId?: string;
}

/** The configurations, switches and imports of the MCP servers the agents use (the `mcp/*` requests). */
export interface McpService {
  list(target: McpListTarget): McpServerEntry[];
  save(layer: McpLayer, server: McpServerConfig, previousName?: string): Promise<McpServerEntry[]>;
  remove(layer: McpLayer, name: string): Promise<McpServerEntry[]>;
  setEnabled(target: McpListTarget, name: string, enabled: boolean | null): void;
  restart(name: string, projectId?: string): Promise<void>;
  /** `layer` and `previousName` say whose stored values SECRET_KEPT stands for (user layer, `server.name` by default). */
  test(server: McpServerConfig, layer?: Partial<McpLayer>, previousName?: string): Promise<McpTestResult>;
  importPreview(
    source: McpImportSource,
    layer: McpLayer,
  ): Promise<{ path: string; candidates: McpImportCandidate[] }>;
  importServers(layer: McpLayer, servers: readonly McpServerConfig[]): Promise<McpServerEntry[]>;
  dispose(): void;
}

export interface McpServiceDeps {
  db: SqliteDatabase;
  publisher: Publisher;
  settings: Pick<AgentSettingsService, 'layers' | 'set' | 'unsealMcpServer'>;
  projects: Pick<ProjectService, 'get'>;
  threads: Pick<ThreadService, 'get'>;
  manager: McpManager;
  places: ImportPlaces;
}

export function createMcpService(deps: McpServiceDeps): McpService {
  const rows = createMcpEnabledRows(deps.db);
  const changed = (name: string | null) => deps.publisher.publish('mcp/changed', { name });
  const stopListening = deps.manager.onChange((name) => changed(name));

  /** A project layer needs its project, which must exist. */
  const checkLayer = (layer: McpLayer): string | null => {
    if (layer.scope === 'user') return null;
    if (!layer.projectId) throw new SkeinError('INVALID_PARAMS', "A project's MCP servers need a projectId.");
    deps.projects.get(layer.projectId);
    return layer.projectId;
  };

  const layerServers = (layer: McpLayer): McpServerConfig[] => {
    const projectId = checkLayer(layer);
    const layers = deps.settings.layers(projectId ? { projectId } : {});
    return [...((layer.scope === 'user' ? layers.user : layers.project)?.mcpServers ?? [])];
  };

  const write = async (layer: McpLayer, servers: McpServerConfig[], options?: McpSaveOptions) => {
    const projectId = checkLayer(layer);
    // An empty layer clears the field, so the layer defers to the wider one as if never set.
    await deps.settings.set(
      layer.scope,
      projectId ? { projectId } : {},
      { mcpServers: servers.length > 0 ? servers : null },
      options,
    );
  };

  /**
   * The last preview's configurations as read, values included: the client is sent SECRET_KEPT in
   * their place and sends that back to import, so the values are taken from here.
   */
  let previewed = new Map<string, McpServerConfig>();
  const withPreviewedValues = (server: McpServerConfig): McpServerConfig => {
    const source = previewed.get(server.name);
    if (!source || source.transport !== server.transport) return server;
    const fill = (record: Record<string, string> | undefined, from: Record<string, string> | undefined) =>
      record &&
      Object.fromEntries(
        Object.entries(record).map(([key, value]) => [
          key,
          value === SECRET_KEPT ? (from?.[key] ?? value) : value,
        ]),
      );
    if (server.transport === 'stdio' && source.transport === 'stdio')
      return { ...server, env: fill(server.env, source.env) };
    if (server.transport === 'http' && source.transport === 'http')
      return { ...server, headers: fill(server.headers, source.headers) };
    return server;
  };

  const list = (target: McpListTarget): McpServerEntry[] => {
    const thread = target.threadId ? deps.threads.get(target.threadId) : null;
    const projectId = thread?.projectId ?? target.projectId ?? null;
    const layers = deps.settings.layers(projectId ? { projectId } : {});
    const user = layers.user?.mcpServers ?? [];
    const project = projectId ? (layers.project?.mcpServers ?? []) : [];
    const projectNames = new Set(project.map((server) => server.name));
    const enabledOf = rows.resolver(projectId, thread?.id ?? null);
    const entry = (config: McpServerConfig, scope: LayerName, overridden: boolean): McpServerEntry => ({
      config: maskServer(config),
      scope,
      overridden,
      ...enabledOf(config.name),
      ...deps.manager.state(config),
    });
    return [
      ...user.map((config) => entry(config, 'user', projectNames.has(config.name))),
      ...project.map((config) => entry(config, 'project', false)),
    ];
  };

  const listOfLayer = (layer: McpLayer) =>
    list(layer.scope === 'project' ? { projectId: layer.projectId } : {});

  /** The configuration a project's threads use under `name`: the project's own, else the user's. */
  const effectiveConfig = (name: string, projectId: string | null): McpServerConfig | null => {
    const layers = deps.settings.layers(projectId ? { projectId } : {});
    const find = (servers: readonly McpServerConfig[] | undefined) =>
      servers?.find((server) => server.name === name);
    return find(layers.project?.mcpServers) ?? find(layers.user?.mcpServers) ?? null;
  };

  return {
    list,
    async save(layer, server, previousName) {
      const next = withSaved(layerServers(layer), server, previousName, layer.scope);
      await write(
        layer,
        next,
        previousName !== undefined ? { renamedServer: { from: previousName, to: server.name } } : undefined,
      );
      if (previousName !== undefined && previousName !== server.name) {
        rows.rename(previousName, server.name, layer.scope === 'project' ? (layer.projectId ?? null) : null);
        changed(previousName);
      }
      changed(server.name);
      return listOfLayer(layer);
    },
    async remove(layer, name) {
      await write(layer, withoutServer(layerServers(layer), name, layer.scope));
      changed(name);
      return listOfLayer(layer);
    },
    setEnabled(target, name, enabled) {
      const thread = target.threadId ? deps.threads.get(target.threadId) : null;
      const projectId = thread?.projectId ?? target.projectId ?? null;
      if (projectId === null)
        throw new SkeinError(
          'INVALID_PARAMS',
          'Turning an MCP server on or off needs a projectId or a threadId.',
        );
      deps.projects.get(projectId);
      // Clearing a switch is always allowed (it may outlive its server); setting one names a real server.
      if (enabled !== null && effectiveConfig(name, projectId) === null) {
        throw new SkeinError('NOT_FOUND', `No MCP server named "${name}" is configured for this project.`);
      }
      rows.set(thread ? { threadId: thread.id } : { projectId }, name, enabled);
      changed(name);
    },
    async restart(name, projectId) {
      if (projectId) deps.projects.get(projectId);
      const config = effectiveConfig(name, projectId ?? null);
      if (!config) throw new SkeinError('NOT_FOUND', `No MCP server named "${name}" is configured.`);
      await deps.manager.restart(config);
    },
    async test(server, layer, previousName) {
      let config = server;
      const given = Object.values((server.transport === 'stdio' ? server.env : server.headers) ?? {});
      // A reference names a stored secret; only the host puts them in, or a test could send any secret anywhere.
      if (given.some(isSecretRef))
        return { ok: false, message: 'A value of this configuration is not a value; enter it again.' };
      if (given.includes(SECRET_KEPT)) {
        const scope = layer?.scope ?? 'user';
        const stored = layerServers({ scope, projectId: layer?.projectId }).find(
          (entry) => entry.name === (previousName ?? server.name),
        );
        const storedValues = stored && (stored.transport === 'stdio' ? stored.env : stored.headers);
        const values = server.transport === 'stdio' ? server.env : server.headers;
        const filled = Object.fromEntries(
          Object.entries(values ?? {}).map(([key, value]) => [
            key,
            value === SECRET_KEPT && stored?.transport === server.transport
              ? (storedValues?.[key] ?? value)
              : value,
          ]),
        );
        const missing = Object.entries(filled).find(([, value]) => value === SECRET_KEPT);
        if (missing) {
          return {
            ok: false,
            message: `${missing[0]} has no stored value to test with; enter its value.`,
          };
        }
        config = server.transport === 'stdio' ? { ...server, env: filled } : { ...server, headers: filled };
      }
      try {
        config = await deps.settings.unsealMcpServer(config);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      return deps.manager.test(config);
    },
    async importPreview(source, layer) {
      const existing = new Set(layerServers(layer).map((server) => server.name));
      const { path, candidates } = await readImportSource(source, deps.places, deps.projects);
      previewed = new Map(
        candidates.flatMap((candidate) =>
          candidate.config ? [[candidate.config.name, candidate.config]] : [],
        ),
      );
      return {
        path,
        candidates: candidates.map((candidate) => ({
          ...candidate,
          config: candidate.config && maskServer(candidate.config),
          exists: candidate.config !== null && existing.has(candidate.config.name),
        })),
      };
    },
    async importServers(layer, servers) {
      await write(layer, withImported(layerServers(layer), servers.map(withPreviewedValues), layer.scope));
      changed(null);
      return listOfLayer(layer);
    },
    dispose: stopListening,
  };
}
