import type { PermissionMode, PermissionResult, PermissionUpdate } from '@anthropic-ai/claude-agent-sdk';
import type { AgentSandboxMode, ApprovalDecision, ApprovalPolicy } from '../../../../../src-shared/contract';
import type { BackendApprovalRequest, BackendItem } from '../types';
import { mcpToolName } from './claude-items';

/**
 * Pure translations between Claude Code's permission callback (`canUseTool`) and our inbox, of our
 * answers back, and of our policy words into Claude's permission modes.
 */

/** What `canUseTool` is given, minus the abort signal. */
export interface ClaudePermissionAsk {
  toolName: string;
  input: Record<string, unknown>;
  toolUseID: string;
  suggestions?: PermissionUpdate[];
  blockedPath?: string;
  decisionReason?: string;
  title?: string;
  description?: string;
}

export const DECLINE_MESSAGE =
  'The user declined this tool call. Do not retry it; continue without it or ask the user what to do instead.';
export const ABORT_MESSAGE = 'The user stopped this turn.';
const CLAUDE_POLICY_REASON = "Claude Code's permission mode asks before this runs.";

const PATCH_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** The command words of Claude's suggested Bash rule (`Bash(npm test *)` → `npm test`). */
function suggestedBashPrefix(suggestions: PermissionUpdate[] | undefined): string[] | null {
  for (const update of suggestions ?? []) {
    if (update.type !== 'addRules') continue;
    const rule = update.rules.find((entry) => entry.toolName === 'Bash' && entry.ruleContent);
    if (!rule?.ruleContent) continue;
    const words = rule.ruleContent
      .replace(/(:\*|\s*\*)$/, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (words.length > 0) return words;
  }
  return null;
}

export function approvalRequest(
  ask: ClaudePermissionAsk,
  backendTurnId: string,
  item: BackendItem | undefined,
  worktree: string,
): BackendApprovalRequest {
  const mcp = mcpToolName(ask.toolName);
  const kind = ask.toolName === 'Bash' ? 'command' : PATCH_TOOLS.has(ask.toolName) ? 'patch' : 'tool';
  const command = typeof ask.input.command === 'string' ? ask.input.command : null;
  return {
    backendTurnId,
    backendItemId: ask.toolUseID,
    kind,
    tool: mcp ?? ask.toolName,
    command: kind === 'command' ? command : null,
    patch: kind === 'patch' && item?.fields.kind === 'file_change' ? item.fields.patch : null,
    arguments: JSON.stringify(ask.input),
    cwd: worktree,
    reason: ask.title ?? ask.description ?? null,
    policyReason:
      ask.decisionReason ?? (ask.blockedPath ? `It touches ${ask.blockedPath}.` : CLAUDE_POLICY_REASON),
    suggestedPrefix: mcp ? [mcp] : kind === 'command' ? suggestedBashPrefix(ask.suggestions) : null,
  };
}

/**
 * Claude's suggestions name `localSettings` (a file in the worktree's .claude/) as where to keep a
 * rule; Skein keeps "for this thread" answers in memory only, so they go to the session.
 */
function forSession(updates: PermissionUpdate[]): PermissionUpdate[] {
  return updates.map((update) => ({ ...update, destination: 'session' }));
}

function threadRules(ask: ClaudePermissionAsk): PermissionUpdate[] {
  // For a command, this exact command line (Codex's acceptForSession); for a tool, the tool.
  const rule =
    ask.toolName === 'Bash' && typeof ask.input.command === 'string'
      ? { toolName: 'Bash', ruleContent: ask.input.command }
      : { toolName: ask.toolName };
  return [{ type: 'addRules', rules: [rule], behavior: 'allow', destination: 'session' }];
}

export function permissionResult(decision: ApprovalDecision, ask: ClaudePermissionAsk): PermissionResult {
  switch (decision) {
    case 'approve_once':
      return { behavior: 'allow', updatedInput: ask.input, decisionClassification: 'user_temporary' };
    case 'approve_for_thread':
      return {
        behavior: 'allow',
        updatedInput: ask.input,
        updatedPermissions:
          ask.toolName === 'Bash' ? threadRules(ask) : forSession(ask.suggestions ?? threadRules(ask)),
        decisionClassification: 'user_permanent',
      };
    case 'always_allow_prefix':
      // Claude's own suggestion is the prefix rule; Skein stores the lasting rule itself.
      return {
        behavior: 'allow',
        updatedInput: ask.input,
        updatedPermissions: forSession(ask.suggestions?.length ? ask.suggestions : threadRules(ask)),
        decisionClassification: 'user_permanent',
      };
    case 'decline':
      return { behavior: 'deny', message: DECLINE_MESSAGE, decisionClassification: 'user_reject' };
    case 'abort_turn':
      return {
        behavior: 'deny',
        message: ABORT_MESSAGE,
        interrupt: true,
        decisionClassification: 'user_reject',
      };
  }
}

export interface ClaudePermissionSettings {
  permissionMode: PermissionMode;
  /** `none`: nothing is asked; what would ask is refused and Claude is told so (our `never`). */
  permissionPrompts: 'host' | 'none';
  allowDangerouslySkipPermissions: boolean;
}

/**
 * Our policy and sandbox in Claude's words. Claude has no sandbox for its file tools, only
 * permission modes: `acceptEdits` lets it edit inside its cwd (the worktree) unasked, `default`
 * asks for edits and for commands that are not read-only, `bypassPermissions` asks for nothing.
 */
export function permissionSettings(
  policy: ApprovalPolicy,
  sandbox: AgentSandboxMode,
): ClaudePermissionSettings {
  const mode: PermissionMode =
    sandbox === 'read-only'
      ? 'default'
      : policy === 'untrusted'
        ? 'default'
        : sandbox === 'danger-full-access' && policy === 'never'
          ? 'bypassPermissions'
          : 'acceptEdits';
  return {
    permissionMode: mode,
    permissionPrompts: policy === 'never' ? 'none' : 'host',
    allowDangerouslySkipPermissions: mode === 'bypassPermissions',
  };
}
