import type { CliAgent, CliAgentStatus } from '../../../src-shared/contract';
import { desktopBridge } from '../../lib/connection';
import { useThreads } from '../threads/threads-slice';
import { shouldNotifyWaiting } from './cli-agent-labels';
import { isWatchingAgent, showAgentTerminal } from './show-cli-agent';

function notificationsGranted(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * Asks for permission to show desktop notifications, from a click (browsers only ask during a user
 * gesture). The desktop window has its own notifier and needs no permission.
 */
export function requestNotificationPermission(): void {
  if (desktopBridge() || typeof Notification === 'undefined') return;
  if (Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}

/**
 * A desktop notification when an agent starts waiting for the person: "<name> is waiting for you in
 * <thread>". A click brings that thread to the front (and, in a browser, its terminal).
 */
export function notifyCliAgentWaiting(agent: CliAgent, previous: CliAgentStatus | undefined): void {
  if (!shouldNotifyWaiting(previous, agent.status, isWatchingAgent(agent))) return;
  const thread = useThreads.getState().byId[agent.threadId]?.title ?? 'a thread';
  const title = `${agent.name} is waiting for you`;
  const body = `In ${thread}: it finished or asks something.`;
  if (notificationsGranted()) {
    // One notification per agent: a newer one replaces the older in the system's list.
    const notification = new Notification(title, { body, tag: `skein-cli-agent-${agent.id}` });
    notification.onclick = () => {
      window.focus();
      showAgentTerminal(agent.threadId, agent.terminalId);
      notification.close();
    };
    return;
  }
  desktopBridge()?.notify(title, body, { threadId: agent.threadId, kind: 'needs-you' });
}
