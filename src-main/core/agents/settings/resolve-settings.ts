import {
  providerKindSchema,
  type AgentSettings,
  type EffectiveAgentSettings,
  type McpServerConfig,
  type ProviderKind,
} from '../../../../src-shared/contract';
import { resolveSafety, type SettingsLayers } from '../../approvals';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MODELS, knownContextWindow } from '../providers/model-catalog';

/** Ollama's own default address and the variable its CLI reads. */
export const OLLAMA_DEFAULT_URL = 'http://127.0.0.1:11434';
export const OLLAMA_HOST_ENV = 'OLLAMA_HOST';
/** `provider:model` or a bare model name, e.g. `anthropic:claude-sonnet-4-5`. */
export const MODEL_ENV = 'SKEIN_MODEL';

type Source = EffectiveAgentSettings['sources'][string];

export interface TurnOverrides {
  provider?: ProviderKind;
  model?: string;
}

/** `SKEIN_MODEL` split into its optional provider and the model. */
function modelFromEnv(env: NodeJS.ProcessEnv): { provider: ProviderKind | null; model: string } | null {
  const raw = env[MODEL_ENV]?.trim();
  if (!raw) return null;
  const colon = raw.indexOf(':');
  const maybeProvider = colon > 0 ? providerKindSchema.safeParse(raw.slice(0, colon)) : null;
  if (maybeProvider?.success) return { provider: maybeProvider.data, model: raw.slice(colon + 1) };
  return { provider: null, model: raw };
}

/** `OLLAMA_HOST` may be `host:port` without a scheme, as Ollama's CLI accepts. */
export function ollamaUrl(env: NodeJS.ProcessEnv, configured?: string | null): string {
  const raw = (configured || env[OLLAMA_HOST_ENV] || OLLAMA_DEFAULT_URL).replace(/\/+$/, '');
  return /^https?:\/\//.test(raw) ? raw : `http://${raw}`;
}

function mostSpecific<T>(
  layers: SettingsLayers,
  pick: (s: AgentSettings) => T | undefined,
): { value: T; source: Source } | null {
  for (const name of ['thread', 'project', 'user'] as const) {
    const value = layers[name] ? pick(layers[name]) : undefined;
    if (value !== undefined) return { value, source: name };
  }
  return null;
}

function envBaseUrl(provider: ProviderKind, env: NodeJS.ProcessEnv): string | null {
  switch (provider) {
    case 'openai':
    case 'openai-chat':
      return env.OPENAI_BASE_URL || null;
    case 'anthropic':
      return env.ANTHROPIC_BASE_URL || null;
    case 'ollama':
      return ollamaUrl(env);
  }
}

/**
 * What a turn runs with. Provider, model, endpoint and window: the most specific layer (thread >
 * project > user), then the environment, then defaults. Policy, sandbox and network: the strictest
 * layer, the administrator's requirements included.
 */
export function resolveAgentSettings(
  layers: SettingsLayers,
  env: NodeJS.ProcessEnv,
  overrides: TurnOverrides = {},
): EffectiveAgentSettings {
  const sources: Record<string, Source> = {};
  const fromEnv = modelFromEnv(env);

  let provider: ProviderKind;
  const layeredProvider = mostSpecific(layers, (s) => s.provider);
  if (overrides.provider) [provider, sources.provider] = [overrides.provider, 'thread'];
  else if (layeredProvider) [provider, sources.provider] = [layeredProvider.value, layeredProvider.source];
  else if (fromEnv?.provider) [provider, sources.provider] = [fromEnv.provider, 'env'];
  else if (env.ANTHROPIC_API_KEY && !env.OPENAI_API_KEY) [provider, sources.provider] = ['anthropic', 'env'];
  else [provider, sources.provider] = ['openai', 'default'];

  let model: string;
  const layeredModel = mostSpecific(layers, (s) => s.model);
  if (overrides.model) [model, sources.model] = [overrides.model, 'thread'];
  else if (layeredModel) [model, sources.model] = [layeredModel.value, layeredModel.source];
  else if (fromEnv && (fromEnv.provider === null || fromEnv.provider === provider))
    [model, sources.model] = [fromEnv.model, 'env'];
  else [model, sources.model] = [DEFAULT_MODELS[provider], 'default'];

  let baseUrl: string | null;
  const layeredUrl = mostSpecific(layers, (s) => s.baseUrl);
  if (layeredUrl) [baseUrl, sources.baseUrl] = [layeredUrl.value, layeredUrl.source];
  else {
    baseUrl = envBaseUrl(provider, env);
    sources.baseUrl = baseUrl === null ? 'default' : 'env';
  }

  let contextWindow: number;
  const layeredWindow = mostSpecific(layers, (s) => s.contextWindow);
  if (layeredWindow) [contextWindow, sources.contextWindow] = [layeredWindow.value, layeredWindow.source];
  else
    [contextWindow, sources.contextWindow] = [knownContextWindow(model) ?? DEFAULT_CONTEXT_WINDOW, 'default'];

  // Servers are merged by name, not replaced as a list: a project adds to (or overrides) the user's.
  const mcpServers = new Map<string, McpServerConfig>();
  for (const server of [...(layers.user?.mcpServers ?? []), ...(layers.project?.mcpServers ?? [])])
    mcpServers.set(server.name, server);
  if (layers.project?.mcpServers) sources.mcpServers = 'project';
  else sources.mcpServers = layers.user?.mcpServers ? 'user' : 'default';

  // A backend is chosen for new threads (project over user); the path is the user's machine's.
  const backend = layers.project?.backend ?? layers.user?.backend ?? 'builtin';
  sources.backend = layers.project?.backend ? 'project' : layers.user?.backend ? 'user' : 'default';
  const codexPath = layers.user?.codexPath ?? null;
  sources.codexPath = codexPath ? 'user' : 'default';
  const codexModel = mostSpecific(layers, (s) => s.codexModel);
  sources.codexModel = codexModel?.source ?? 'default';
  const claudeModel = mostSpecific(layers, (s) => s.claudeModel);
  sources.claudeModel = claudeModel?.source ?? 'default';

  const safety = resolveSafety(layers);
  Object.assign(sources, safety.sources);
  return {
    provider,
    model,
    baseUrl,
    approvalPolicy: safety.approvalPolicy,
    sandboxMode: safety.sandboxMode,
    networkAccess: safety.networkAccess,
    contextWindow,
    mcpServers: [...mcpServers.values()],
    backend,
    codexPath,
    codexModel: codexModel?.value ?? null,
    claudeModel: claudeModel?.value ?? null,
    sources,
  };
}
