import type {
  AgentSandboxMode,
  AgentSettings,
  AgentSettingsPatch,
  AgentSettingsView,
  ApprovalPolicy,
  ProviderKind,
  ThreadBackend,
} from '../../../src-shared/contract';

/** The editable fields of one settings layer as form text; '' means "inherit from the layers around it". */
export interface SettingsFormValues {
  provider: '' | ProviderKind;
  model: string;
  baseUrl: string;
  approvalPolicy: '' | ApprovalPolicy;
  sandboxMode: '' | AgentSandboxMode;
  networkAccess: '' | 'on' | 'off';
  /** The agent new threads get (user and project layers only). */
  backend: '' | ThreadBackend;
  /** Models for Codex and Claude Code threads; '' lets their own configuration choose. */
  codexModel: string;
  claudeModel: string;
  /** The codex executable (user layer only); '' finds it on the login shell's PATH. */
  codexPath: string;
}

export const PROVIDER_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI (Responses API)',
  'openai-chat': 'OpenAI-compatible (Chat Completions)',
  anthropic: 'Anthropic',
  ollama: 'Ollama (local)',
};

export const POLICY_LABELS: Record<ApprovalPolicy, string> = {
  untrusted: 'Untrusted: ask before anything but known reads',
  'on-request': 'On request: sandboxed work runs, leaving the sandbox asks',
  never: 'Never ask: refuse what the sandbox does not allow',
};

export const SANDBOX_LABELS: Record<AgentSandboxMode, string> = {
  'read-only': 'Read-only',
  'workspace-write': 'Write in the worktree',
  'danger-full-access': 'Full access (no sandbox)',
};

export const SOURCE_LABELS: Record<string, string> = {
  default: 'the default',
  env: 'the environment',
  admin: "the administrator's requirements",
  user: 'your settings',
  project: 'the repository settings',
  thread: 'this thread',
};

export function sourceLabel(source: string | undefined): string {
  return (source && SOURCE_LABELS[source]) ?? 'the default';
}

export function valuesFromLayer(layer: AgentSettings | null): SettingsFormValues {
  return {
    provider: layer?.provider ?? '',
    model: layer?.model ?? '',
    baseUrl: layer?.baseUrl ?? '',
    approvalPolicy: layer?.approvalPolicy ?? '',
    sandboxMode: layer?.sandboxMode ?? '',
    networkAccess: layer?.networkAccess === undefined ? '' : layer.networkAccess ? 'on' : 'off',
    backend: layer?.backend ?? '',
    codexModel: layer?.codexModel ?? '',
    claudeModel: layer?.claudeModel ?? '',
    codexPath: layer?.codexPath ?? '',
  };
}

/** Only what changed against the stored layer: a value sets a field, null clears it back to inherit. */
export function patchFromValues(layer: AgentSettings | null, values: SettingsFormValues): AgentSettingsPatch {
  const before = valuesFromLayer(layer);
  const patch: AgentSettingsPatch = {};
  const model = values.model.trim();
  const baseUrl = values.baseUrl.trim();
  if (values.provider !== before.provider) patch.provider = values.provider || null;
  if (model !== before.model) patch.model = model || null;
  if (baseUrl !== before.baseUrl) patch.baseUrl = baseUrl || null;
  if (values.approvalPolicy !== before.approvalPolicy) patch.approvalPolicy = values.approvalPolicy || null;
  if (values.sandboxMode !== before.sandboxMode) patch.sandboxMode = values.sandboxMode || null;
  if (values.networkAccess !== before.networkAccess) {
    patch.networkAccess = values.networkAccess === '' ? null : values.networkAccess === 'on';
  }
  if (values.backend !== before.backend) patch.backend = values.backend || null;
  for (const field of ['codexModel', 'claudeModel', 'codexPath'] as const) {
    const value = values[field].trim();
    if (value !== before[field]) patch[field] = value || null;
  }
  return patch;
}

/**
 * The one-line summary of what a thread runs with, e.g. "openai · gpt-5 · on-request · workspace-write";
 * for Codex and Claude Code their own model setting (else their own configuration chooses).
 */
export function describeEffective(view: AgentSettingsView, backend: ThreadBackend = 'builtin'): string {
  const { provider, model, approvalPolicy, sandboxMode, codexModel, claudeModel } = view.effective;
  if (backend === 'codex') {
    return ['Codex', codexModel ?? "Codex's model", approvalPolicy, sandboxMode].join(' · ');
  }
  if (backend === 'claude') {
    return ['Claude Code', claudeModel ?? "Claude Code's model", approvalPolicy, sandboxMode].join(' · ');
  }
  return [provider, model, approvalPolicy, sandboxMode].join(' · ');
}

export type KeySource = AgentSettingsView['keys']['openai'];

export function describeKeySource(source: KeySource): string {
  if (source === 'env') return 'Set from environment';
  if (source === 'stored') return 'Stored';
  return 'Not set';
}

/** Where a stored key goes, and why the desktop app could not use the system keyring when it could not. */
export function describeKeyStorage(storage: AgentSettingsView['keyStorage']): string {
  const where =
    storage.kind === 'safe-storage'
      ? 'Stored keys are encrypted with the system keyring.'
      : 'Stored keys are kept unencrypted in a file only your user can read (provider-keys.json in the data folder).';
  return storage.detail ? `${where} ${storage.detail}` : where;
}
