import type { RpcClient } from '../../../src-shared/contract';
import { desktopBridge } from '../../lib/connection';
import { notifyAttention, openThread } from './attention-notify';

let stopClicks: (() => void) | null = null;

/**
 * Notifications from the host's events: approvals and budget pauses ("needs you"), turns that
 * completed or failed ("done"). In the desktop window a click on one opens its thread.
 */
export function subscribeAttention(client: RpcClient): void {
  client.on('approval/requested', ({ approval }) =>
    notifyAttention({ type: 'approval', threadId: approval.threadId, approval }),
  );
  client.on('budget/reached', ({ threadId, message }) =>
    notifyAttention({ type: 'budget', threadId, message }),
  );
  client.on('turn/completed', ({ turn }) =>
    notifyAttention({ type: 'turn-ended', threadId: turn.threadId, status: turn.status, error: turn.error }),
  );
  // One listener for the window's life, however often the connection is renewed.
  stopClicks ??= desktopBridge()?.onNotificationClick(openThread) ?? null;
}
