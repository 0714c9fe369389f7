import {
  SkeinError,
  type AgentSettingsPatch,
  type AgentSettingsView,
  type EffectiveAgentSettings,
  type Thread,
} from '../../../../src-shared/contract';
import { adminRequirementsPath, readAdminRequirements, type SettingsLayers } from '../../approvals';
import type { ProjectService } from '../../projects';
import { detectSandbox } from '../../sandbox';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';
import { listModels, type ModelListing } from '../providers/list-models';
import type { KeyProvider, KeyStore } from './key-store';
import { resolveAgentSettings, type TurnOverrides } from './resolve-settings';
import { createSettingsRows } from './settings-rows';

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
  ): Promise<AgentSettingsView>;
  setKey(provider: KeyProvider, key: string | null): Promise<void>;
  models(target: SettingsTarget): Promise<ModelListing>;
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

  const view = async (target: SettingsTarget): Promise<AgentSettingsView> => {
    const current = layers(target);
    const support = await detectSandbox();
    const [openai, anthropic, keyStorage] = await Promise.all([
      deps.keys.get('openai'),
      deps.keys.get('anthropic'),
      deps.keys.storage(),
    ]);
    return {
      user: current.user ?? {},
      project: current.project,
      thread: current.thread,
      admin: current.admin,
      effective: resolveAgentSettings(current, deps.env),
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
    async set(scope, target, patch) {
      const { thread, projectId } = resolveTarget(target);
      if (scope !== 'user' && patch.codexPath !== undefined) {
        throw new SkeinError(
          'INVALID_PARAMS',
          "The codex path is a setting of this machine's user, not of a project or a thread.",
        );
      }
      if (scope === 'user') rows.patch('user', USER_SCOPE_ID, patch);
      else if (scope === 'project') {
        if (!projectId)
          throw new SkeinError(
            'INVALID_PARAMS',
            'Project settings need a projectId (or a threadId of the project).',
          );
        rows.patch('project', projectId, patch);
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
