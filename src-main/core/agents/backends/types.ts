import type {
  AgentSandboxMode,
  ApprovalDecision,
  ApprovalPolicy,
  Item,
  TokenUsage,
} from '../../../../src-shared/contract';

/**
 * The seam between a thread and whatever agent works in it: the built-in agent, Codex
 * (`codex app-server`), Claude Code, a CLI agent in a terminal. A backend owns one thread's agent
 * process or session; the thread runtime owns everything Skein keeps (turn and item rows, ids and
 * order, snapshots, the approvals inbox) and feeds it from the backend's events. That split keeps
 * each backend a thin translator that can be tested against its real agent without a host.
 */

export type BackendKind = 'builtin' | 'codex' | 'claude' | 'cli';

/**
 * The kind-specific fields of an item (`kind`, `text`, `command`…), without the fields Skein
 * assigns when it records one (id, thread, turn, seq, times, tokens). A backend describes items;
 * the recorder numbers and stores them.
 */
type RecordedFields =
  | 'id'
  | 'threadId'
  | 'turnId'
  | 'seq'
  | 'status'
  | 'startedAt'
  | 'completedAt'
  | 'inputTokens'
  | 'outputTokens'
  | 'costUsd';
type Unrecorded<T> = T extends Item ? Omit<T, RecordedFields> : never;
export type ItemFields = Unrecorded<Item>;

export interface BackendItem {
  /**
   * The backend's own id for the item (Codex's item id, a tool call id). Deltas, completion and
   * approvals refer to it; the recorder maps it to the Skein item id.
   */
  backendItemId: string;
  status: Item['status'];
  fields: ItemFields;
}

/** The streams of `item/delta`: an agent message's text, reasoning text, a command's output. */
export type DeltaStream = 'text' | 'reasoning' | 'output';

export type TurnOutcome = 'completed' | 'interrupted' | 'failed';

/** What a backend reports while it works; the thread runtime records and publishes it. */
export type BackendEvent =
  | { type: 'turn/started'; backendTurnId: string }
  | { type: 'item/started'; backendTurnId: string; item: BackendItem }
  | { type: 'item/delta'; backendTurnId: string; backendItemId: string; stream: DeltaStream; delta: string }
  /** Final fields; an item the backend never announced as started arrives here directly. */
  | { type: 'item/completed'; backendTurnId: string; item: BackendItem }
  /** One model response's tokens (not a running total), booked on the turn. */
  | { type: 'usage'; backendTurnId: string; usage: TokenUsage }
  | {
      type: 'turn/completed';
      backendTurnId: string;
      outcome: TurnOutcome;
      error: string | null;
      /**
       * US dollars the agent itself priced the turn at (Claude Code does; Codex does not). Absent
       * when the agent gives no price; the runtime may then price the tokens with `costOf`.
       */
      costUsd?: number | null;
    }
  | { type: 'status'; status: BackendStatus; detail: string | null };

/**
 * A question for the user, shaped like our approvals inbox wants it. `backendItemId` names the
 * command or file-change item waiting on the answer (already announced by `item/started`).
 */
export interface BackendApprovalRequest {
  backendTurnId: string;
  backendItemId: string | null;
  kind: 'command' | 'patch' | 'tool';
  tool: string;
  command: string | null;
  patch: string | null;
  /** Raw details as JSON text, shown to the user as they are. */
  arguments: string;
  cwd: string;
  /** Why the agent wants it, in its words. */
  reason: string | null;
  /** Why the backend asks (its policy's words, or ours when it gives none). */
  policyReason: string;
  /** The command prefix an "always allow" answer would store, when the backend proposes one. */
  suggestedPrefix: string[] | null;
}

/**
 * Lifecycle of a thread's agent, coarser than a turn's: `starting` (process spawning, handshake),
 * `idle` (ready for a message), `working` (a turn runs), `waiting_approval` (a turn waits on the
 * user), `exited` (the agent is gone: disposed, or crashed with `detail` saying how).
 */
export type BackendStatus = 'starting' | 'idle' | 'working' | 'waiting_approval' | 'exited';

export interface BackendHooks {
  /** Every event, in order. Must not throw; the backend does not wait on it. */
  onEvent(event: BackendEvent): void;
  /**
   * The agent asks before it acts. The backend holds its agent until the promise settles, then
   * sends the answer in the agent's own terms; a rejection counts as `abort_turn`. Unanswered
   * requests are aborted when the turn is interrupted or the backend disposed.
   */
  onApproval(request: BackendApprovalRequest): Promise<ApprovalDecision>;
}

export interface BackendStartOptions {
  /** The thread's worktree: the agent's cwd and the only place it may write (under workspace-write). */
  worktreePath: string;
  /**
   * The backend session id stored from an earlier run (`AgentBackend.sessionId`): the agent picks
   * up that conversation instead of starting a new one. How a thread resumes after a host restart.
   */
  resumeSessionId: string | null;
  /** Our policy and sandbox, in Codex's words; backends translate them to their agent's. */
  approvalPolicy: ApprovalPolicy;
  sandboxMode: AgentSandboxMode;
  /** A model name for the agent; null lets the agent's own configuration choose. */
  model: string | null;
}

export interface AgentBackend {
  readonly kind: BackendKind;
  /**
   * The agent's id for this conversation (Codex's thread id, Claude's session id), known once
   * `start` resolved. The thread runtime stores it so a later `start` can resume.
   */
  readonly sessionId: string | null;
  readonly status: BackendStatus;
  /** Spawns or connects to the agent in the worktree and starts or resumes its conversation. */
  start(options: BackendStartOptions): Promise<{ sessionId: string }>;
  /**
   * A user message that starts a turn. Resolves once the agent accepted it, with its turn id;
   * the turn's progress arrives as events. Fails with INVALID_STATE while a turn runs (steer then).
   */
  sendMessage(text: string): Promise<{ backendTurnId: string }>;
  /** A user message for the running turn, taken at the agent's next step. */
  steer(text: string): Promise<void>;
  /** Stops the running turn; resolves when the agent reported it ended. No-op when idle. */
  interrupt(): Promise<void>;
  /** Ends the agent process or session; pending approvals are aborted. Safe to call twice. */
  dispose(): Promise<void>;
}
