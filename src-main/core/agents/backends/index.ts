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
