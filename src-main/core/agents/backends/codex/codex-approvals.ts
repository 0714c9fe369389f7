import type { ApprovalDecision } from '../../../../../src-shared/contract';
import type { BackendApprovalRequest, BackendItem } from '../types';
import type {
  CommandExecutionApprovalDecision,
  CommandExecutionRequestApprovalParams,
  FileChangeApprovalDecision,
  FileChangeRequestApprovalParams,
  PermissionsRequestApprovalParams,
  PermissionsRequestApprovalResponse,
} from './codex-protocol';
import { unwrapShellCommand } from './codex-items';

/**
 * Pure translations between Codex's approval requests and our inbox, and of our answers back.
 * Codex words: `accept` (once), `acceptForSession` (this Codex thread), an exec-policy amendment
 * (a prefix rule Codex stores in CODEX_HOME/rules), `decline` (the agent is told no and goes on),
 * `cancel` (declines and interrupts the turn).
 */

const CODEX_POLICY_REASON = "Codex's approval policy asks before this runs.";

export function commandApprovalRequest(
  params: CommandExecutionRequestApprovalParams,
  worktree: string,
): BackendApprovalRequest {
  const command = params.command ? unwrapShellCommand(params.command) : null;
  const writesStdin = params.kind === 'writeStdin';
  return {
    backendTurnId: params.turnId,
    backendItemId: params.itemId,
    kind: 'command',
    tool: writesStdin ? 'write_stdin' : 'exec_command',
    command,
    patch: null,
    arguments: JSON.stringify({ command: params.command ?? null, kind: params.kind ?? 'command' }),
    cwd: params.cwd ?? worktree,
    reason: params.reason ?? null,
    policyReason: writesStdin ? 'Codex asks before typing into a running command.' : CODEX_POLICY_REASON,
    suggestedPrefix: params.proposedExecpolicyAmendment ?? null,
  };
}

/** `item` is the file-change item Codex announced just before asking; its patch is what the user approves. */
export function fileChangeApprovalRequest(
  params: FileChangeRequestApprovalParams,
  item: BackendItem | undefined,
  worktree: string,
): BackendApprovalRequest {
  const patch = item?.fields.kind === 'file_change' ? item.fields.patch : null;
  return {
    backendTurnId: params.turnId,
    backendItemId: params.itemId,
    kind: 'patch',
    tool: 'apply_patch',
    command: null,
    patch,
    arguments: JSON.stringify({ grantRoot: params.grantRoot ?? null }),
    cwd: worktree,
    reason: params.reason ?? null,
    policyReason: params.grantRoot
      ? `Codex asks to write under ${params.grantRoot} for the rest of the session.`
      : CODEX_POLICY_REASON,
    suggestedPrefix: null,
  };
}

export function permissionsApprovalRequest(params: PermissionsRequestApprovalParams): BackendApprovalRequest {
  return {
    backendTurnId: params.turnId,
    backendItemId: params.itemId,
    kind: 'tool',
    tool: 'codex:permissions',
    command: null,
    patch: null,
    arguments: JSON.stringify(params.permissions),
    cwd: params.cwd,
    reason: params.reason,
    policyReason:
      'Codex asks for more access than its sandbox gives (network or files outside the worktree).',
    suggestedPrefix: null,
  };
}

function offers(params: CommandExecutionRequestApprovalParams, decision: string): boolean {
  // Without the list (older servers) every plain decision is allowed.
  return !params.availableDecisions || params.availableDecisions.includes(decision);
}

export function commandDecision(
  decision: ApprovalDecision,
  params: CommandExecutionRequestApprovalParams,
): CommandExecutionApprovalDecision {
  switch (decision) {
    case 'approve_once':
      return 'accept';
    case 'approve_for_thread':
      // Under `untrusted` Codex 0.169.0 offers no session-wide answer; once is the nearest that is not broader.
      return offers(params, 'acceptForSession') ? 'acceptForSession' : 'accept';
    case 'always_allow_prefix':
      return params.proposedExecpolicyAmendment
        ? { acceptWithExecpolicyAmendment: { execpolicy_amendment: params.proposedExecpolicyAmendment } }
        : 'accept';
    case 'decline':
      return 'decline';
    case 'abort_turn':
      return 'cancel';
  }
}

export function fileChangeDecision(decision: ApprovalDecision): FileChangeApprovalDecision {
  switch (decision) {
    case 'approve_once':
      return 'accept';
    case 'approve_for_thread':
    case 'always_allow_prefix':
      return 'acceptForSession';
    case 'decline':
      return 'decline';
    case 'abort_turn':
      return 'cancel';
  }
}

/**
 * Codex has no "decline" for permissions: granting nothing is the answer. An abort also grants
 * nothing; the backend interrupts the turn after answering.
 */
export function permissionsDecision(
  decision: ApprovalDecision,
  params: PermissionsRequestApprovalParams,
): PermissionsRequestApprovalResponse {
  const requested: PermissionsRequestApprovalResponse['permissions'] = {};
  if (params.permissions.network) requested.network = params.permissions.network;
  if (params.permissions.fileSystem) requested.fileSystem = params.permissions.fileSystem;
  switch (decision) {
    case 'approve_once':
      return { permissions: requested, scope: 'turn' };
    case 'approve_for_thread':
    case 'always_allow_prefix':
      return { permissions: requested, scope: 'session' };
    case 'decline':
    case 'abort_turn':
      return { permissions: {}, scope: 'turn' };
  }
}
