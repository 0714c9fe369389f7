import type { NotificationKind } from '../../../src-shared/bridge';
import type { Approval, TurnStatus } from '../../../src-shared/contract';

/** Something a thread's agent did that may call for the person. */
export type AttentionEvent =
  | { type: 'approval'; threadId: string; approval: Pick<Approval, 'kind' | 'command' | 'tool'> }
  | { type: 'budget'; threadId: string; message: string }
  | { type: 'input'; threadId: string; agentName: string }
  | { type: 'turn-ended'; threadId: string; status: TurnStatus; error: string | null };

/** Where the person is: the thread in the focused pane, and whether the window has their focus. */
export interface AttentionContext {
  threadTitle: string | null;
  watchedThreadId: string | null;
  windowFocused: boolean;
}

/** A notification to show: what kind, about which thread, in words. */
export interface Attention {
  kind: NotificationKind;
  threadId: string;
  title: string;
  body: string;
}

function approvalText(approval: Pick<Approval, 'kind' | 'command' | 'tool'>): string {
  if (approval.kind === 'command' && approval.command) return `Approve running: ${approval.command}`;
  if (approval.kind === 'patch') return 'Approve changing files.';
  return `Approve using the ${approval.tool} tool.`;
}

/**
 * Whether and how to tell the person about `event`: "needs you" for an approval, a budget or a
 * question, "done" for a turn that completed or failed. Nothing for the thread they are looking at
 * in a focused window, nor for a turn they interrupted (a budget pause is told as "needs you").
 */
export function attentionFor(event: AttentionEvent, context: AttentionContext): Attention | null {
  if (context.windowFocused && context.watchedThreadId === event.threadId) return null;
  const thread = context.threadTitle ?? 'A thread';
  const needsYou = (body: string): Attention => ({
    kind: 'needs-you',
    threadId: event.threadId,
    title: `${thread} needs you`,
    body,
  });
  switch (event.type) {
    case 'approval':
      return needsYou(approvalText(event.approval));
    case 'budget':
      return needsYou(event.message);
    case 'input':
      return needsYou(`${event.agentName} is waiting for your answer.`);
    case 'turn-ended':
      if (event.status === 'completed')
        return {
          kind: 'done',
          threadId: event.threadId,
          title: `${thread} is done`,
          body: 'The agent finished its turn.',
        };
      if (event.status === 'failed')
        return {
          kind: 'done',
          threadId: event.threadId,
          title: `${thread} failed`,
          body: event.error ?? 'The turn failed.',
        };
      return null;
  }
}
