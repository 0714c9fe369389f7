import { z } from 'zod';
import { diffSummarySchema, SkeinError } from '../../../src-shared/contract';
import { mcpDecisionSchema, toContractDecision } from './approval-decisions';
import type { McpToolContext } from './mcp-context';
import { describeThread, threadOutcomeShape } from './thread-outcome';
import { guarded, toolOk } from './tool-result';
import { waitForTurnEnd } from './turn-waiter';

/** A diff beyond this many characters is cut: a model's context holds it, and the summary still lists every file. */
const MAX_DIFF_CHARS = 200_000;

export function registerReviewTools(context: McpToolContext): void {
  const { server, rpc } = context;

  server.registerTool(
    'thread_diff',
    {
      title: "A thread's changes",
      description:
        "What the thread changed against its base (committed and uncommitted): the review's file summary and the unified diff, cut at a size limit.",
      inputSchema: { threadId: z.string().min(1) },
      outputSchema: {
        summary: diffSummarySchema,
        diff: z.string(),
        truncated: z.boolean().describe('The diff was cut; read the files in the worktree for the rest.'),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('thread_diff', async () => {
        const thread = await rpc.api.thread.get({ threadId: args.threadId });
        const summary = await rpc.api.review.files({ threadId: thread.id, range: { kind: 'base' } });
        const { patch, truncated } = await rpc.api.review.patch({
          threadId: thread.id,
          from: summary.from,
          to: summary.to,
          maxChars: MAX_DIFF_CHARS,
        });
        return toolOk({ summary, diff: patch, truncated });
      }),
  );

  server.registerTool(
    'thread_approve',
    {
      title: 'Answer an approval',
      description:
        'Answers the question a thread waits on (its id is in the waiting_for_approval result or thread_status): approve once, approve for the thread, decline (the agent is told) or abort the turn.',
      inputSchema: {
        threadId: z.string().min(1),
        approvalId: z.string().min(1),
        decision: mcpDecisionSchema,
        wait: z.boolean().default(true).describe('Return when the turn ends (default), or at once.'),
      },
      outputSchema: threadOutcomeShape,
    },
    (args, extra) =>
      guarded('thread_approve', async () => {
        const thread = await rpc.api.thread.get({ threadId: args.threadId });
        const { approvals } = await rpc.api.approval.list({ threadId: thread.id });
        if (!approvals.some((approval) => approval.id === args.approvalId)) {
          throw new SkeinError(
            'NOT_FOUND',
            `The thread has no approval ${args.approvalId} waiting for an answer; thread_status shows the one it waits on.`,
          );
        }
        await rpc.api.approval.respond({
          approvalId: args.approvalId,
          decision: toContractDecision(args.decision),
        });
        if (!args.wait) return toolOk(await describeThread(rpc, thread.id));
        return toolOk(await waitForTurnEnd(context, thread.id, extra));
      }),
  );
}
