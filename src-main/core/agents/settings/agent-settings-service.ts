import {
  SkeinError,
  type AgentSettings,
  type AgentSettingsPatch,
  type AgentSettingsView,
  type EffectiveAgentSettings,
  type McpServerConfig,
  type Thread,
} from '../../../../src-shared/contract';
import { adminRequirementsPath, readAdminRequirements, type SettingsLayers } from '../../approvals';
import type { ProjectService } from '../../projects';
import { detectSandbox } from '../../sandbox';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';
import { createLogger } from '../../log';
import { listModels, type ModelListing } from '../providers/list-models';
import type { KeyProvider, KeyStore } from './key-store';
import { resolveAgentSettings, type TurnOverrides } from './resolve-settings';
import {
  isSecretRef,
  maskServers,
  mcpLayerPrefix,
  refName,
  refsOf,
  sealServers,
  unsealServer,
  type SecretLayer,
} from './mcp-secrets';
import { scrubFreedPages } from './scrub-freed-pages';
import { createSettingsRows, type SettingsScope } from './settings-rows';

const log = createLogger('agents');

/** The user layer is a single row. */
const USER_SCOPE_ID = '';

export interface SettingsTarget {
  projectId?: string;
  threadId?: string;
}

export interface AgentSettingsService {
  layers(target: SettingsTarget): SettingsLayers;
  effective(target: SettingsTarget, overrides?: TurnOverrides): EffectiveAgentSettings;
  view(target: SettingsTarget): Promise<AgentSettingsView>;
  set(
    scope: 'user' | 'project' | 'thread',
    target: SettingsTarget,
    patch: AgentSettingsPatch,
    options?: McpSaveOptions,
  ): Promise<AgentSettingsView>;
  setKey(provider: KeyProvider, key: string | null): Promise<void>;
  models(target: SettingsTarget): Promise<ModelListing>;
  /** The configuration an MCP server is started with: its secret references replaced by the values. */
  unsealMcpServer(config: McpServerConfig): Promise<McpServerConfig>;
  /** A removed project's MCP secrets and settings go with it. */
  forgetProject(projectId: string): Promise<void>;
  /**
   * Settles once MCP env and header values found in clear in the settings (written by an older
   * Skein) are moved into the key store; started when the service is created.
   */
  readonly secretsMigrated: Promise<void>;
}

export interface McpSaveOptions {
  /** A server renamed in this save: SECRET_KEPT in it means the values it had under its old name. */
  renamedServer?: { from: string; to: string };
}

export function createAgentSettingsService(deps: {
  db: SqliteDatabase;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  keys: KeyStore;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
}): AgentSettingsService {
  const rows = createSettingsRows(deps.db);
  const adminFile = adminRequirementsPath(deps.dataDir, deps.env);

  /** A thread implies its project; a project alone has no thread layer. */
  const resolveTarget = (target: SettingsTarget): { thread: Thread | null; projectId: string | null } => {
    const thread = target.threadId ? deps.threads.get(target.threadId) : null;
    const projectId = thread?.projectId ?? target.projectId ?? null;
    if (projectId) deps.projects.get(projectId);
    return { thread, projectId };
  };

  const layers = (target: SettingsTarget): SettingsLayers => {
    const { thread, projectId } = resolveTarget(target);
    return {
      admin: readAdminRequirements(adminFile),
      user: rows.read('user', USER_SCOPE_ID),
      project: projectId ? rows.read('project', projectId) : null,
      thread: thread ? rows.read('thread', thread.id) : null,
    };
  };

  const effective = (target: SettingsTarget, overrides?: TurnOverrides) =>
    resolveAgentSettings(layers(target), deps.env, overrides);

  const named = deps.keys.named;
  const masked = (settings: AgentSettings | null): AgentSettings | null =>
    settings?.mcpServers ? { ...settings, mcpServers: maskServers(settings.mcpServers) } : settings;

  /** Writes a user or project layer's MCP servers with their values sealed, then drops orphaned secrets. */
  const patchSealed = async (
    scope: SettingsScope,
    scopeId: string,
    patch: AgentSettingsPatch,
    options?: McpSaveOptions,
  ): Promise<void> => {
    if (patch.mcpServers === undefined || scope === 'thread') {
      rows.patch(scope, scopeId, patch);
      return;
    }
    const layer: SecretLayer = { scope, projectId: scope === 'project' ? scopeId : null };
    const previous = rows.read(scope, scopeId)?.mcpServers ?? [];
    const sealed = patch.mcpServers
      ? await sealServers(named, layer, previous, patch.mcpServers, options?.renamedServer)
      : null;
    rows.patch(scope, scopeId, { ...patch, mcpServers: sealed?.servers ?? null });
    // Whatever the layer's prefix holds that its row no longer names goes (removed servers, values).
    const still = new Set(refsOf(sealed?.servers ?? []).map(refName));
    const orphaned = (await named.names(mcpLayerPrefix(layer))).filter((name) => !still.has(name));
    await named.delete(orphaned);
  };

  /** Rows an older Skein wrote with env and header values in clear: each value into the key store. */
  const migrateClearSecrets = async (): Promise<void> => {
    let moved = 0;
    for (const { scope, scope_id: scopeId } of rows.layers()) {
      const servers = rows.read(scope, scopeId)?.mcpServers ?? [];
      const clear = servers.some((server) =>
        Object.values((server.transport === 'stdio' ? server.env : server.headers) ?? {}).some(
          (value) => !isSecretRef(value),
        ),
      );
      if (!clear) continue;
      try {
        await patchSealed(scope, scopeId, { mcpServers: servers });
        moved++;
      } catch (error) {
        log.warn(`Could not move the MCP secrets of the ${scope} settings into the key store`, error);
      }
    }
    if (moved === 0) return;
    scrubFreedPages(deps.db);
    log.info(`Moved the MCP env and header values of ${moved} settings layer(s) into the key store`);
  };
  const secretsMigrated = migrateClearSecrets().catch((error: unknown) =>
    log.error('Moving MCP secrets out of the settings failed', error),
  );

  const view = async (target: SettingsTarget): Promise<AgentSettingsView> => {
    const current = layers(target);
    const support = await detectSandbox();
    const [openai, anthropic, keyStorage] = await Promise.all([
      deps.keys.get('openai'),
      deps.keys.get('anthropic'),
      deps.keys.storage(),
    ]);
    const resolved = resolveAgentSettings(current, deps.env);
    // Env and header values never leave the host: the client gets SECRET_KEPT in their place.
    return {
      user: masked(current.user) ?? {},
      project: masked(current.project),
      thread: masked(current.thread),
      admin: masked(current.admin),
      effective: { ...resolved, mcpServers: maskServers(resolved.mcpServers) ?? [] },
      keys: { openai: openai?.source ?? null, anthropic: anthropic?.source ?? null },
      keyStorage,
      sandbox: {
        available: support.kind !== 'none',
        kind: support.kind,
        detail: support.kind === 'none' ? support.reason : null,
      },
    };
  };

  return {
    layers,
    effective,
    view,
    async set(scope, target, patch, options) {
      const { thread, projectId } = resolveTarget(target);
      if (patch.mcpServers !== undefined) await secretsMigrated;
      if (scope !== 'user' && patch.codexPath !== undefined) {
        throw new SkeinError(
          'INVALID_PARAMS',
          "The codex path is a setting of this machine's user, not of a project or a thread.",
        );
      }
      if (scope === 'user') await patchSealed('user', USER_SCOPE_ID, patch, options);
      else if (scope === 'project') {
        if (!projectId)
          throw new SkeinError(
            'INVALID_PARAMS',
            'Project settings need a projectId (or a threadId of the project).',
          );
        await patchSealed('project', projectId, patch, options);
      } else {
        if (!thread) throw new SkeinError('INVALID_PARAMS', 'Thread settings need a threadId.');
        if (patch.mcpServers !== undefined) {
          throw new SkeinError(
            'INVALID_PARAMS',
            'MCP servers are configured for the user or a project, not for one thread.',
          );
        }
        if (patch.backend !== undefined) {
          throw new SkeinError(
            'INVALID_PARAMS',
            "A thread's backend is changed with thread/setBackend, not with its settings.",
          );
        }
        rows.patch('thread', thread.id, patch);
      }
      return view(target);
    },
    setKey: (provider, key) => deps.keys.set(provider, key),
    unsealMcpServer: (config) => unsealServer(named, config),
    async forgetProject(projectId) {
      await secretsMigrated;
      rows.remove('project', projectId);
      await named.delete(await named.names(mcpLayerPrefix({ scope: 'project', projectId })));
    },
    secretsMigrated,
    models(target) {
      const settings = effective(target);
      const url = (provider: EffectiveAgentSettings['provider']) =>
        settings.provider === provider ? settings.baseUrl : null;
      return listModels(deps.keys, deps.env, {
        openai: url('openai') ?? url('openai-chat') ?? deps.env.OPENAI_BASE_URL ?? null,
        anthropic: url('anthropic') ?? deps.env.ANTHROPIC_BASE_URL ?? null,
        ollama: url('ollama'),
      });
    },
  };
}
