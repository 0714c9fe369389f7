import type { NotificationName } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import type { HostServices } from '../create-host';
import { DECISION_LABELS, MCP_DECISIONS, mcpDecisionSchema, toContractDecision } from './approval-decisions';
import type { McpToolContext, ToolCallExtra } from './mcp-context';
import { describeThread, type ThreadOutcome } from './thread-outcome';

const log = createLogger('mcp');

type WaitState = 'ended' | 'approval';

const ACTIVE_TURN = new Set(['running', 'waiting_approval']);

/** Ended when the last turn has; `approval` when a question waits; undefined while the turn runs. */
function probe(services: HostServices, threadId: string): WaitState | undefined {
  if (services.approvals.pending(threadId).length > 0) return 'approval';
  const turn = services.agents.transcript(threadId).turns.at(-1);
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

function nextState(
  services: HostServices,
  threadId: string,
  extra: ToolCallExtra,
  progress: (message: string) => void,
): Promise<WaitState> {
  return new Promise((resolve, reject) => {
    const unsubscribers: (() => void)[] = [];
    const finish = (state: WaitState) => {
      cleanup();
      resolve(state);
    };
    const onAbort = () => {
      cleanup();
      reject(new Error('The caller cancelled the request; the thread goes on.'));
    };
    const cleanup = () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      extra.signal.removeEventListener('abort', onAbort);
    };
    for (const name of WATCHED) {
      unsubscribers.push(
        services.broadcaster.on(name, (params: unknown) => {
          if (threadOf(name, params) !== threadId) return;
          progress(describeEvent(name, params));
          const state = probe(services, threadId);
          if (state) finish(state);
        }),
      );
    }
    extra.signal.addEventListener('abort', onAbort);
    const now = probe(services, threadId);
    if (now) finish(now);
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
  const { services } = context;
  const progress = progressReporter(extra);
  for (;;) {
    const state = await nextState(services, threadId, extra, progress);
    const outcome = describeThread(services, services.threads.get(threadId));
    if (state === 'ended') return outcome;
    if (!context.server.server.getClientCapabilities()?.elicitation) return outcome;
    const answer = await askApproval(context, outcome, extra);
    if (!answer) return outcome;
    progress(`approval answered: ${answer.decision}`);
    await services.agents.respond(answer.approvalId, toContractDecision(answer.decision));
  }
}
