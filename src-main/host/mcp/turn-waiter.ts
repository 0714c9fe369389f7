import type { NotificationName, RpcClient } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { DECISION_LABELS, MCP_DECISIONS, mcpDecisionSchema, toContractDecision } from './approval-decisions';
import type { McpToolContext, ToolCallExtra } from './mcp-context';
import { describeThread, type ThreadOutcome } from './thread-outcome';
import { watchUntil } from './watch-until';

const log = createLogger('mcp');

type WaitState = 'ended' | 'approval';

const ACTIVE_TURN = new Set(['running', 'waiting_approval']);

/** Ended when the last turn has; `approval` when a question waits; undefined while the turn runs. */
async function probe(rpc: RpcClient, threadId: string): Promise<WaitState | undefined> {
  const { approvals } = await rpc.api.approval.list({ threadId });
  if (approvals.length > 0) return 'approval';
  const turn = (await rpc.api.thread.items({ threadId })).turns.at(-1);
  if (!turn || !ACTIVE_TURN.has(turn.status)) return 'ended';
  return undefined;
}

/** Sends `notifications/progress` when the caller asked for them (a progress token), one step per event of the thread. */
function progressReporter(extra: ToolCallExtra): (message: string) => void {
  const token = extra._meta?.progressToken;
  let step = 0;
  return (message) => {
    if (token === undefined) return;
    step += 1;
    extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: step, message },
      })
      .catch((error: unknown) => log.debug('A progress notification was not sent', error));
  };
}

const WATCHED: readonly NotificationName[] = [
  'turn/started',
  'turn/completed',
  'item/completed',
  'approval/requested',
  'approval/resolved',
  'thread/updated',
];

function threadOf(name: NotificationName, params: unknown): string | null {
  const value = params as Record<string, { threadId?: string; id?: string } | undefined>;
  if (name === 'thread/updated') return value.thread?.id ?? null;
  return (value.turn ?? value.item ?? value.approval)?.threadId ?? null;
}

function describeEvent(name: NotificationName, params: unknown): string {
  const value = params as { item?: { kind?: string }; thread?: { status?: string } };
  if (name === 'item/completed') return `${value.item?.kind ?? 'item'} completed`;
  if (name === 'thread/updated') return `thread ${value.thread?.status ?? 'updated'}`;
  return name;
}

/** Items change often during a turn: they are reported as progress but never change whether the turn ended. */
const STATE_CHANGES: ReadonlySet<NotificationName> = new Set(
  WATCHED.filter((name) => name !== 'item/completed'),
);

function nextState(
  rpc: RpcClient,
  threadId: string,
  extra: ToolCallExtra,
  progress: (message: string) => void,
): Promise<WaitState> {
  let stateChanged = true;
  return watchUntil<WaitState>({
    rpc,
    notifications: WATCHED,
    relevant: (name, params) => threadOf(name, params) === threadId,
    onEvent(name, params) {
      progress(describeEvent(name, params));
      if (STATE_CHANGES.has(name)) stateChanged = true;
    },
    async check() {
      if (!stateChanged) return undefined;
      stateChanged = false;
      return probe(rpc, threadId);
    },
    signal: extra.signal,
    cancelled: 'The caller cancelled the request; the thread goes on.',
  });
}

/** Asks the client's user with a form elicitation; null when they did not answer (declined or cancelled the form). */
async function askApproval(context: McpToolContext, outcome: ThreadOutcome, extra: ToolCallExtra) {
  const approval = outcome.approval;
  if (!approval) return null;
  const what = approval.command ? `run \`${approval.command}\`` : `make a ${approval.kind} change`;
  const why = approval.reason ? ` (${approval.reason})` : '';
  const result = await context.server.server.elicitInput(
    {
      mode: 'form',
      message: `The agent in thread "${outcome.title}" wants to ${what}${why}. ${approval.policyReason}`,
      requestedSchema: {
        type: 'object',
        properties: {
          decision: {
            type: 'string',
            title: 'Decision',
            enum: [...MCP_DECISIONS],
            enumNames: MCP_DECISIONS.map((decision) => DECISION_LABELS[decision]),
          },
        },
        required: ['decision'],
      },
    },
    { relatedRequestId: extra.requestId, signal: extra.signal },
  );
  if (result.action !== 'accept') return null;
  const decision = mcpDecisionSchema.safeParse(result.content?.decision);
  return decision.success ? { approvalId: approval.approvalId, decision: decision.data } : null;
}

/**
 * Waits for the thread's current turn to end. A question on the way is asked of the client's user
 * when the client can show a form (elicitation); otherwise the call returns `waiting_for_approval`
 * so the caller answers with thread_approve.
 */
export async function waitForTurnEnd(
  context: McpToolContext,
  threadId: string,
  extra: ToolCallExtra,
): Promise<ThreadOutcome> {
  const { rpc } = context;
  const progress = progressReporter(extra);
  for (;;) {
    const state = await nextState(rpc, threadId, extra, progress);
    const outcome = await describeThread(rpc, threadId);
    if (state === 'ended') return outcome;
    if (!context.server.server.getClientCapabilities()?.elicitation) return outcome;
    const answer = await askApproval(context, outcome, extra);
    if (!answer) return outcome;
    progress(`approval answered: ${answer.decision}`);
    await rpc.api.approval.respond({
      approvalId: answer.approvalId,
      decision: toContractDecision(answer.decision),
    });
  }
}
