export { createApprovalService, publicApproval, type ApprovalService } from './approval-service';
export type { ApprovalRequest, StoredApproval } from './approval-rows';
export {
  decideCommand,
  decideMcpTool,
  decidePatch,
  matchesRules,
  type CommandRules,
  type SafetyContext,
  type Verdict,
} from './decide';
export { parseCommand, suggestPrefix, startsWithWords } from './command-words';
export { isKnownSafeCommand } from './safe-commands';
export {
  resolveSafety,
  DEFAULT_APPROVAL_POLICY,
  DEFAULT_SANDBOX_MODE,
  type LayerName,
  type ResolvedSafety,
  type SettingsLayers,
} from './policy-layers';
export { readAdminRequirements, adminRequirementsPath, ADMIN_REQUIREMENTS_ENV } from './requirements-file';
