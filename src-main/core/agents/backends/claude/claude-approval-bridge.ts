import type { CanUseTool, PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { ApprovalDecision } from '../../../../../src-shared/contract';
import { createLogger } from '../../../log';
import type { BackendApprovalRequest, BackendItem } from '../types';
import { approvalRequest, permissionResult, type ClaudePermissionAsk } from './claude-approvals';

const log = createLogger('claude');

export interface ClaudeApprovalBridgeDeps {
  worktree: string;
  ask(request: BackendApprovalRequest): Promise<ApprovalDecision>;
  /** The running turn's id; Claude only asks during one. */
  currentTurn(): string | null;
  /** The started item the request is about (an Edit's patch is what the user approves). */
  openItem(toolUseId: string): BackendItem | undefined;
  /** How many requests wait on the user now; the backend's status follows it. */
  waiting(count: number): void;
  /** An `abort_turn` answer: Claude stops the turn itself (`interrupt: true`); the backend notes why. */
  aborted(): void;
}

interface Pending {
  backendTurnId: string;
  answer(decision: ApprovalDecision): void;
}

/**
 * Claude Code's `canUseTool` callback, held until our user (or an interrupt) answers, then
 * answered in Claude's words. Remembers the tool calls our user refused: Claude reports a refusal
 * as an ordinary error result, and the transcript should say "declined", not "failed".
 */
export class ClaudeApprovalBridge {
  private readonly pending = new Map<string, Pending>();
  private readonly refused = new Set<string>();

  constructor(private readonly deps: ClaudeApprovalBridgeDeps) {}

  readonly canUseTool: CanUseTool = async (toolName, input, options): Promise<PermissionResult> => {
    const ask: ClaudePermissionAsk = {
      toolName,
      input,
      toolUseID: options.toolUseID,
      ...(options.suggestions ? { suggestions: options.suggestions } : {}),
      ...(options.blockedPath ? { blockedPath: options.blockedPath } : {}),
      ...(options.decisionReason ? { decisionReason: options.decisionReason } : {}),
      ...(options.title ? { title: options.title } : {}),
      ...(options.description ? { description: options.description } : {}),
    };
    const turnId = this.deps.currentTurn() ?? 'no-turn';
    const request = approvalRequest(ask, turnId, this.deps.openItem(options.toolUseID), this.deps.worktree);
    const decision = await this.raise(options.toolUseID, request, options.signal);
    if (decision === 'decline' || decision === 'abort_turn') this.refused.add(options.toolUseID);
    if (decision === 'abort_turn') this.deps.aborted();
    return permissionResult(decision, ask);
  };

  wasDeclined(toolUseId: string): boolean {
    return this.refused.has(toolUseId);
  }

  /** Answers the turn's waiting requests with `abort_turn`. */
  abortTurn(backendTurnId: string): void {
    for (const pending of [...this.pending.values()]) {
      if (pending.backendTurnId === backendTurnId) pending.answer('abort_turn');
    }
  }

  abortAll(): void {
    for (const pending of [...this.pending.values()]) pending.answer('abort_turn');
  }

  private raise(id: string, request: BackendApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise<ApprovalDecision>((resolve) => {
      let settled = false;
      const answer = (decision: ApprovalDecision) => {
        if (settled) return;
        settled = true;
        this.pending.delete(id);
        signal.removeEventListener('abort', onAbort);
        this.deps.waiting(this.pending.size);
        resolve(decision);
      };
      // Claude withdraws the question when its turn is aborted (an interrupt, the process ending).
      const onAbort = () => answer('abort_turn');
      signal.addEventListener('abort', onAbort);
      this.pending.set(id, { backendTurnId: request.backendTurnId, answer });
      this.deps.waiting(this.pending.size);
      this.deps.ask(request).then(answer, (error: unknown) => {
        log.warn('An approval callback failed; the request is aborted', error);
        answer('abort_turn');
      });
    });
  }
}
