/**
 * The parts of the Codex app-server protocol (v2) Skein uses, hand-copied from
 * `codex app-server generate-ts` of codex-cli 0.169.0. Fields we never read are left out; unions
 * we switch on keep an open tail so a newer Codex adding a variant does not break parsing.
 * Regenerate and compare when raising MIN_CODEX_VERSION.
 */

export type RequestId = string | number;

export interface ClientInfo {
  name: string;
  title: string | null;
  version: string;
}

export interface InitializeParams {
  clientInfo: ClientInfo;
  capabilities: { experimentalApi: boolean; requestAttestation: boolean } | null;
}

export interface InitializeResponse {
  userAgent: string;
  codexHome: string;
}

export type AskForApproval = 'untrusted' | 'on-request' | 'never';
export type SandboxMode = 'read-only' | 'workspace-write' | 'danger-full-access';

export interface TextInput {
  type: 'text';
  text: string;
  text_elements: never[];
}

export interface ThreadStartParams {
  model?: string | null;
  cwd?: string | null;
  approvalPolicy?: AskForApproval | null;
  sandbox?: SandboxMode | null;
}

export interface ThreadResumeParams extends ThreadStartParams {
  threadId: string;
  /** Skip sending the whole history back; we keep our own transcript. */
  excludeTurns?: boolean;
}

export interface CodexThread {
  id: string;
  cwd: string;
  path: string | null;
}

export interface ThreadStartResponse {
  thread: CodexThread;
  model: string;
  modelProvider: string;
}

export type TurnStatus = 'completed' | 'interrupted' | 'failed' | 'inProgress';

export interface TurnError {
  message: string;
  additionalDetails: string | null;
}

export interface CodexTurn {
  id: string;
  status: TurnStatus;
  error: TurnError | null;
}

export interface TurnStartParams {
  threadId: string;
  input: TextInput[];
}

export interface TurnSteerParams {
  threadId: string;
  input: TextInput[];
  /** Codex refuses the steer when another turn is active by then. */
  expectedTurnId: string;
}

export interface TurnInterruptParams {
  threadId: string;
  turnId: string;
}

export type PatchChangeKind =
  { type: 'add' } | { type: 'delete' } | { type: 'update'; move_path: string | null };

export interface FileUpdateChange {
  path: string;
  kind: PatchChangeKind;
  diff: string;
}

export type CommandExecutionStatus = 'inProgress' | 'completed' | 'failed' | 'declined';
export type PatchApplyStatus = CommandExecutionStatus;
export type McpToolCallStatus = 'inProgress' | 'completed' | 'failed';

export type ThreadItem =
  | { type: 'userMessage'; id: string; content: { type: string; text?: string }[] }
  | { type: 'agentMessage'; id: string; text: string }
  | { type: 'reasoning'; id: string; summary: string[]; content: string[] }
  | { type: 'plan'; id: string; text: string }
  | {
      type: 'commandExecution';
      id: string;
      command: string;
      cwd: string;
      status: CommandExecutionStatus;
      aggregatedOutput: string | null;
      exitCode: number | null;
      durationMs: number | null;
    }
  | { type: 'fileChange'; id: string; changes: FileUpdateChange[]; status: PatchApplyStatus }
  | {
      type: 'mcpToolCall';
      id: string;
      server: string;
      tool: string;
      status: McpToolCallStatus;
      arguments: unknown;
      result: { content: unknown[]; structuredContent: unknown } | null;
      error: { message: string } | null;
    }
  | {
      type: 'dynamicToolCall';
      id: string;
      tool: string;
      arguments: unknown;
      status: 'inProgress' | 'completed' | 'failed';
      success: boolean | null;
    }
  | { type: 'webSearch'; id: string; query?: string }
  | { type: 'contextCompaction'; id: string }
  /** Kinds Skein does not show (review mode, images, sub-agents…), and any a newer Codex adds. */
  | { type: OtherItemType; id: string };

export type OtherItemType =
  | 'hookPrompt'
  | 'functionCallOutput'
  | 'collabAgentToolCall'
  | 'subAgentActivity'
  | 'imageView'
  | 'sleep'
  | 'imageGeneration'
  | 'enteredReviewMode'
  | 'exitedReviewMode';

export interface TokenUsageBreakdown {
  totalTokens: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
}

export type TurnPlanStepStatus = 'pending' | 'inProgress' | 'completed';

/** Server → client notifications we act on, by method. */
export interface CodexNotifications {
  'turn/started': { threadId: string; turn: CodexTurn };
  'turn/completed': { threadId: string; turn: CodexTurn };
  'item/started': { threadId: string; turnId: string; item: ThreadItem };
  'item/completed': { threadId: string; turnId: string; item: ThreadItem };
  'item/agentMessage/delta': { threadId: string; turnId: string; itemId: string; delta: string };
  'item/reasoning/summaryTextDelta': { threadId: string; turnId: string; itemId: string; delta: string };
  'item/reasoning/textDelta': { threadId: string; turnId: string; itemId: string; delta: string };
  'item/commandExecution/outputDelta': { threadId: string; turnId: string; itemId: string; delta: string };
  'turn/plan/updated': {
    threadId: string;
    turnId: string;
    explanation: string | null;
    plan: { step: string; status: TurnPlanStepStatus }[];
  };
  'thread/tokenUsage/updated': {
    threadId: string;
    turnId: string;
    tokenUsage: { total: TokenUsageBreakdown; last: TokenUsageBreakdown };
  };
  error: { error: TurnError; willRetry: boolean; threadId: string; turnId: string };
}

/** The decisions Codex takes for a command; `acceptWithExecpolicyAmendment` stores a prefix rule. */
export type CommandExecutionApprovalDecision =
  | 'accept'
  | 'acceptForSession'
  | { acceptWithExecpolicyAmendment: { execpolicy_amendment: string[] } }
  | 'decline'
  /** Declines and interrupts the turn. */
  | 'cancel';

export type FileChangeApprovalDecision = 'accept' | 'acceptForSession' | 'decline' | 'cancel';

export interface CommandExecutionRequestApprovalParams {
  /** `writeStdin` asks to type into a running command; `humanCommand` needs the experimental API. */
  kind?: 'command' | 'humanCommand' | 'writeStdin';
  threadId: string;
  turnId: string;
  itemId: string;
  reason?: string | null;
  command?: string | null;
  cwd?: string | null;
  proposedExecpolicyAmendment?: string[] | null;
  /** Present in 0.169.0 though not in its generated types; lists what the prompt may answer. */
  availableDecisions?: unknown[] | null;
}

export interface FileChangeRequestApprovalParams {
  threadId: string;
  turnId: string;
  itemId: string;
  reason?: string | null;
  grantRoot?: string | null;
}

export interface PermissionsRequestApprovalParams {
  threadId: string;
  turnId: string;
  itemId: string;
  cwd: string;
  reason: string | null;
  permissions: { network: unknown; fileSystem: unknown };
}

export interface PermissionsRequestApprovalResponse {
  /** Granting nothing is how a client declines; a subset of the request grants that much. */
  permissions: { network?: unknown; fileSystem?: unknown };
  scope: 'turn' | 'session';
}

/** Server → client requests we answer, by method. */
export interface CodexServerRequests {
  'item/commandExecution/requestApproval': {
    params: CommandExecutionRequestApprovalParams;
    result: { decision: CommandExecutionApprovalDecision };
  };
  'item/fileChange/requestApproval': {
    params: FileChangeRequestApprovalParams;
    result: { decision: FileChangeApprovalDecision };
  };
  'item/permissions/requestApproval': {
    params: PermissionsRequestApprovalParams;
    result: PermissionsRequestApprovalResponse;
  };
}
