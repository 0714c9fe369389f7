export {
  createAgentService,
  type AgentService,
  type AgentServiceDeps,
  type AgentServiceOptions,
  type BackendHostOptions,
} from './agent-service';
export type { AgentSettingsService, SettingsTarget } from './settings/agent-settings-service';
export { KEY_ENV, KEY_FILE, type KeyProvider, type KeyStorage } from './settings/key-store';
export { createKeyStore, SEALED_KEY_FILE, type SecretSealer } from './settings/sealed-key-store';
export { createOutputScrubber, type OutputScrubber } from './scrub/output-scrubber';
export { resolveAgentSettings, OLLAMA_HOST_ENV, MODEL_ENV } from './settings/resolve-settings';
export { AnthropicMessagesModel } from './providers/anthropic-model';
export { costOf, knownContextWindow } from './providers/model-catalog';
export { collectAgentsFiles } from './context/agents-md';
export { createCompactor, SUMMARY_PREFIX, type CompactionState } from './context/compaction';
export { closeDanglingCalls } from './runtime/history';
export { DELTA_FRAME_MS } from './runtime/delta-coalescer';
export { turnSnapshotRef, type SnapshotMoment } from './runtime/turn-snapshots';
export { createMcpManager, MCP_IDLE_STOP_MS, type McpManagerOptions } from './mcp/mcp-manager';
export { createMcpService, type McpService } from './mcp/mcp-service';
export { createMcpEnabledFilter, createMcpEnabledRows } from './mcp/mcp-enabled-rows';
