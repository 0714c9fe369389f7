import type { ApprovalDecision } from '../../../../../src-shared/contract';
import { createLogger } from '../../../log';
import type { BackendApprovalRequest, BackendItem } from '../types';
import {
  commandApprovalRequest,
  commandDecision,
  fileChangeApprovalRequest,
  fileChangeDecision,
  permissionsApprovalRequest,
  permissionsDecision,
} from './codex-approvals';
import type { CodexServerRequests, RequestId } from './codex-protocol';
import { methodNotFound } from './json-rpc-stdio';

const log = createLogger('codex');

export interface ApprovalBridgeDeps {
  worktree: string;
  ask(request: BackendApprovalRequest): Promise<ApprovalDecision>;
  /** The open item a file-change request is about (its patch is what the user approves). */
  openItem(backendItemId: string): BackendItem | undefined;
  /** How many requests wait on the user now; the backend's status follows it. */
  waiting(count: number): void;
  /** Codex has no way to answer some requests with "abort the turn"; the backend interrupts instead. */
  interruptTurn(): void;
}

interface Pending {
  backendTurnId: string;
  answer(decision: ApprovalDecision): void;
}

/**
 * Codex's server → client approval requests, held until our user (or an interrupt) answers, then
 * answered in Codex's words. Requests Skein does not bridge get a JSON-RPC "method not found".
 */
export class CodexApprovalBridge {
  private readonly pending = new Map<RequestId, Pending>();

  constructor(private readonly deps: ApprovalBridgeDeps) {}

  async handle(method: string, params: unknown, id: RequestId): Promise<unknown> {
    const { worktree } = this.deps;
    switch (method) {
      case 'item/commandExecution/requestApproval': {
        const request = params as CodexServerRequests[typeof method]['params'];
        const decision = await this.raise(id, commandApprovalRequest(request, worktree));
        return {
          decision: commandDecision(decision, request),
        } satisfies CodexServerRequests[typeof method]['result'];
      }
      case 'item/fileChange/requestApproval': {
        const request = params as CodexServerRequests[typeof method]['params'];
        const item = this.deps.openItem(request.itemId);
        const decision = await this.raise(id, fileChangeApprovalRequest(request, item, worktree));
        return {
          decision: fileChangeDecision(decision),
        } satisfies CodexServerRequests[typeof method]['result'];
      }
      case 'item/permissions/requestApproval': {
        const request = params as CodexServerRequests[typeof method]['params'];
        const decision = await this.raise(id, permissionsApprovalRequest(request));
        // Permissions have no "cancel": an abort grants nothing, then the turn is interrupted.
        if (decision === 'abort_turn') setImmediate(() => this.deps.interruptTurn());
        return permissionsDecision(decision, request) satisfies CodexServerRequests[typeof method]['result'];
      }
      default:
        // User-input questions, MCP elicitations, client-side tools: not bridged yet (ADR 0014).
        throw methodNotFound(method);
    }
  }

  /** Answers the turn's waiting requests with `abort_turn` (the turn ends or is interrupted). */
  abortTurn(backendTurnId: string): void {
    for (const pending of [...this.pending.values()]) {
      if (pending.backendTurnId === backendTurnId) pending.answer('abort_turn');
    }
  }

  abortAll(): void {
    for (const pending of [...this.pending.values()]) pending.answer('abort_turn');
  }

  private raise(id: RequestId, request: BackendApprovalRequest): Promise<ApprovalDecision> {
    return new Promise<ApprovalDecision>((resolve) => {
      let settled = false;
      const answer = (decision: ApprovalDecision) => {
        if (settled) return;
        settled = true;
        this.pending.delete(id);
        this.deps.waiting(this.pending.size);
        resolve(decision);
      };
      this.pending.set(id, { backendTurnId: request.backendTurnId, answer });
      this.deps.waiting(this.pending.size);
      this.deps.ask(request).then(answer, (error: unknown) => {
        log.warn('An approval callback failed; the request is aborted', error);
        answer('abort_turn');
      });
    });
  }
}
