export type {
  AgentBackend,
  BackendApprovalRequest,
  BackendEvent,
  BackendHooks,
  BackendItem,
  BackendKind,
  BackendStartOptions,
  BackendStatus,
  DeltaStream,
  ItemFields,
  TurnOutcome,
} from './types';
export { CodexBackend, type CodexBackendOptions } from './codex/codex-backend';
export {
  findCodexBinary,
  assertSupportedVersion,
  loginShellPath,
  MIN_CODEX_VERSION,
  type CodexBinary,
  type FindCodexOptions,
} from './codex/codex-binary';
export { tomlString } from './codex/codex-process';
export { ClaudeBackend, type ClaudeBackendOptions } from './claude/claude-backend';
export { claudeEnv, CLAUDE_PRIVACY_ENV, type ClaudeEnvOptions } from './claude/claude-env';
export { permissionSettings as claudePermissionSettings } from './claude/claude-approvals';
