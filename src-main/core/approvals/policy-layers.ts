import type { AgentSandboxMode, AgentSettings, ApprovalPolicy } from '../../../src-shared/contract';

/** Strictness ranks: a higher number asks more or allows less. */
const POLICY_STRICTNESS: Record<ApprovalPolicy, number> = { never: 0, 'on-request': 1, untrusted: 2 };
const SANDBOX_STRICTNESS: Record<AgentSandboxMode, number> = {
  'danger-full-access': 0,
  'workspace-write': 1,
  'read-only': 2,
};

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = 'on-request';
export const DEFAULT_SANDBOX_MODE: AgentSandboxMode = 'workspace-write';

export type LayerName = 'admin' | 'user' | 'project' | 'thread';

export interface SettingsLayers {
  admin: AgentSettings | null;
  user: AgentSettings | null;
  project: AgentSettings | null;
  thread: AgentSettings | null;
}

export interface ResolvedSafety {
  approvalPolicy: ApprovalPolicy;
  sandboxMode: AgentSandboxMode;
  networkAccess: boolean;
  sources: {
    approvalPolicy: LayerName | 'default';
    sandboxMode: LayerName | 'default';
    networkAccess: LayerName | 'default';
  };
}

const ORDER: readonly LayerName[] = ['admin', 'user', 'project', 'thread'];

function strictest<T>(
  layers: SettingsLayers,
  pick: (settings: AgentSettings) => T | undefined,
  rank: (value: T) => number,
  fallback: T,
): { value: T; source: LayerName | 'default' } {
  let best: { value: T; source: LayerName | 'default' } | null = null;
  for (const name of ORDER) {
    const value = layers[name] ? pick(layers[name]) : undefined;
    if (value === undefined) continue;
    // On a tie the outer layer is named: the admin's floor is why the value cannot go lower.
    if (!best || rank(value) > rank(best.value)) best = { value, source: name };
  }
  return best ?? { value: fallback, source: 'default' };
}

/**
 * Policy, sandbox and network across the layers (admin requirements > user > project > thread):
 * every layer may only make things stricter, so the strictest value set anywhere wins.
 */
export function resolveSafety(layers: SettingsLayers): ResolvedSafety {
  const policy = strictest(
    layers,
    (s) => s.approvalPolicy,
    (v) => POLICY_STRICTNESS[v],
    DEFAULT_APPROVAL_POLICY,
  );
  const sandbox = strictest(
    layers,
    (s) => s.sandboxMode,
    (v) => SANDBOX_STRICTNESS[v],
    DEFAULT_SANDBOX_MODE,
  );
  const network = strictest(
    layers,
    (s) => s.networkAccess,
    (v) => (v ? 0 : 1),
    false,
  );
  return {
    approvalPolicy: policy.value,
    sandboxMode: sandbox.value,
    networkAccess: network.value,
    sources: { approvalPolicy: policy.source, sandboxMode: sandbox.source, networkAccess: network.source },
  };
}
