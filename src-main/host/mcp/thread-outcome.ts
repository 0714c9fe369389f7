import { z } from 'zod';
import type { Item, RpcClient } from '../../../src-shared/contract';

/** What thread_start, thread_reply and thread_status answer: where the thread is, and what its agent said last. */
export const threadOutcomeShape = {
  threadId: z.string(),
  title: z.string(),
  branch: z.string(),
  worktree: z.string(),
  status: z
    .string()
    .describe(
      'The thread status (ready, working, done, error, …), or waiting_for_approval when a tool call waits on an answer: see approval.',
    ),
  turnStatus: z
    .string()
    .nullable()
    .describe('The last turn: running, waiting_approval, completed, interrupted, failed.'),
  finalMessage: z.string().nullable().describe("The agent's last message in the last turn."),
  error: z.string().nullable(),
  approval: z
    .object({
      approvalId: z.string(),
      kind: z.string(),
      command: z.string().nullable(),
      reason: z.string().nullable(),
      policyReason: z.string(),
    })
    .nullable()
    .describe('The pending question; answer it with thread_approve.'),
};
export const threadOutcomeSchema = z.object(threadOutcomeShape);
export type ThreadOutcome = z.infer<typeof threadOutcomeSchema>;

function lastAgentMessage(items: readonly Item[], turnId: string): string | null {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item?.turnId === turnId && item.kind === 'agent_message') return item.text;
  }
  return null;
}

/** The thread as it stands: its last turn, the agent's last message and any pending approval. */
export async function describeThread(rpc: RpcClient, threadId: string): Promise<ThreadOutcome> {
  const [thread, { turns, items }, { approvals }] = await Promise.all([
    rpc.api.thread.get({ threadId }),
    rpc.api.thread.items({ threadId }),
    rpc.api.approval.list({ threadId }),
  ]);
  const turn = turns.at(-1) ?? null;
  const pending = approvals[0] ?? null;
  return {
    threadId: thread.id,
    title: thread.title,
    branch: thread.branch,
    worktree: thread.worktreePath,
    status: pending ? 'waiting_for_approval' : thread.status,
    turnStatus: turn?.status ?? null,
    finalMessage: turn ? lastAgentMessage(items, turn.id) : null,
    error: turn?.error ?? thread.statusDetail,
    approval: pending
      ? {
          approvalId: pending.id,
          kind: pending.kind,
          command: pending.command,
          reason: pending.reason,
          policyReason: pending.policyReason,
        }
      : null,
  };
}
