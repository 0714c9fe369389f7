import { randomUUID } from 'node:crypto';
import {
  SkeinError,
  type Approval,
  type ApprovalDecision,
  type ApprovalRule,
} from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { SqliteDatabase } from '../store';
import { createApprovalRows, type ApprovalRequest, type StoredApproval } from './approval-rows';
import type { CommandRules } from './decide';
import { createRuleRows } from './rule-rows';

export interface ApprovalService {
  /** Records a question for the user and announces it (`approval/requested`). */
  request(request: ApprovalRequest): StoredApproval;
  get(approvalId: string): StoredApproval;
  /** Pending approvals, across all threads or of one: the inbox. */
  pending(threadId?: string): StoredApproval[];
  ofTurn(turnId: string): StoredApproval[];
  /**
   * Records the user's answer (and the rule it implies, and what they said with it) and announces it
   * (`approval/resolved`). Fails with INVALID_STATE when it was already answered.
   */
  resolve(approvalId: string, decision: ApprovalDecision, message?: string | null): StoredApproval;
  /** Marks every pending approval of a turn as aborted (the turn was interrupted or abandoned). */
  abortTurn(turnId: string): StoredApproval[];
  rules(threadId?: string): ApprovalRule[];
  removeRule(ruleId: string): void;
  commandRules(threadId: string): CommandRules;
  patchesAllowed(threadId: string): boolean;
  /** A rule allows calls of the MCP tool `key` (`mcp:<server>:<tool>`) in this thread. */
  toolAllowed(threadId: string, key: string): boolean;
}

const STATUS_OF: Record<ApprovalDecision, Approval['status']> = {
  approve_once: 'approved',
  approve_for_thread: 'approved',
  always_allow_prefix: 'approved',
  decline: 'declined',
  abort_turn: 'aborted',
};

/** Strips the host-only call id and answer words before an approval crosses the wire. */
export function publicApproval(approval: StoredApproval): Approval {
  const { callId: _callId, answerMessage: _answerMessage, ...rest } = approval;
  return rest;
}

/**
 * The request with the host's secret values replaced by markers in all it shows: a command or a
 * tool's arguments may hold a key the model read or was told. Only the question is scrubbed: an
 * approved call runs as the model wrote it, and a rule made from a scrubbed command matches no
 * command holding the value, so such a command asks again rather than storing the value in a rule.
 */
function scrubbedRequest(request: ApprovalRequest, scrub: (text: string) => string): ApprovalRequest {
  const orNull = (text: string | null): string | null => (text === null ? null : scrub(text));
  return {
    ...request,
    command: orNull(request.command),
    patch: orNull(request.patch),
    arguments: scrub(request.arguments),
    reason: orNull(request.reason),
    policyReason: scrub(request.policyReason),
    suggestedPrefix: request.suggestedPrefix?.map(scrub) ?? null,
  };
}

/** `scrub` replaces the host's secret values (the agents' output scrubber) in every question stored and announced. */
export function createApprovalService(
  db: SqliteDatabase,
  publisher: Publisher,
  scrub: (text: string) => string,
): ApprovalService {
  const rows = createApprovalRows(db);
  const rules = createRuleRows(db);

  const get = (approvalId: string): StoredApproval => {
    const approval = rows.get(approvalId);
    if (!approval) {
      throw new SkeinError('NOT_FOUND', `There is no approval with id ${approvalId}; refresh the inbox.`, {
        approvalId,
      });
    }
    return approval;
  };

  const storeRule = (approval: StoredApproval, decision: ApprovalDecision): void => {
    if (
      approval.kind === 'tool' &&
      (decision === 'approve_for_thread' || decision === 'always_allow_prefix')
    ) {
      const key = approval.suggestedPrefix?.[0];
      if (!key) {
        throw new SkeinError(
          'INVALID_PARAMS',
          'This tool call cannot be allowed by a rule; approve it once instead.',
          { approvalId: approval.id },
        );
      }
      rules.add('tool', [key], decision === 'approve_for_thread' ? approval.threadId : null);
      return;
    }
    if (decision === 'approve_for_thread') {
      if (approval.kind === 'patch') rules.add('thread_patches', [], approval.threadId);
      else if (approval.command) rules.add('thread_command', [approval.command.trim()], approval.threadId);
    } else if (decision === 'always_allow_prefix') {
      if (!approval.suggestedPrefix || approval.suggestedPrefix.length === 0) {
        throw new SkeinError(
          'INVALID_PARAMS',
          'This request has no command prefix to allow (it is a patch, or a compound command); approve it once or for this thread instead.',
          { approvalId: approval.id },
        );
      }
      rules.add('command_prefix', approval.suggestedPrefix, null);
    }
  };

  return {
    request(request) {
      const approval = rows.insert(randomUUID(), scrubbedRequest(request, scrub), Date.now());
      publisher.publish('approval/requested', { approval: publicApproval(approval) });
      return approval;
    },
    get,
    pending: (threadId) => rows.pending(threadId),
    ofTurn: (turnId) => rows.ofTurn(turnId),
    resolve(approvalId, decision, message = null) {
      const approval = get(approvalId);
      if (approval.status !== 'pending') {
        throw new SkeinError('INVALID_STATE', `This approval was already answered (${approval.status}).`, {
          approvalId,
          status: approval.status,
        });
      }
      const resolved = db.transaction(() => {
        storeRule(approval, decision);
        if (!rows.resolve(approvalId, STATUS_OF[decision], decision, Date.now(), message || null)) {
          throw new SkeinError('INVALID_STATE', 'This approval was answered a moment ago elsewhere.', {
            approvalId,
          });
        }
        return get(approvalId);
      })();
      publisher.publish('approval/resolved', { approval: publicApproval(resolved) });
      return resolved;
    },
    abortTurn(turnId) {
      const aborted: StoredApproval[] = [];
      for (const approval of rows.ofTurn(turnId)) {
        if (approval.status !== 'pending') continue;
        if (!rows.resolve(approval.id, 'aborted', null, Date.now())) continue;
        const resolved = get(approval.id);
        aborted.push(resolved);
        publisher.publish('approval/resolved', { approval: publicApproval(resolved) });
      }
      return aborted;
    },
    rules: (threadId) => rules.list(threadId),
    removeRule(ruleId) {
      if (!rules.remove(ruleId)) {
        throw new SkeinError('NOT_FOUND', `There is no approval rule with id ${ruleId}; refresh the list.`, {
          ruleId,
        });
      }
    },
    commandRules: (threadId) => rules.commandRules(threadId),
    patchesAllowed: (threadId) => rules.patchesAllowed(threadId),
    toolAllowed: (threadId, key) => rules.toolAllowed(threadId, key),
  };
}
