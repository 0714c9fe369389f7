import { desktopBridge } from '../../lib/connection';
import { usePanes } from '../layout/panes-slice';
import { useThreads } from '../threads/threads-slice';
import { attentionFor, type Attention, type AttentionEvent } from './attention-rules';
import { useAttention } from './attention-slice';

/** Brings a thread to the front: shown in the focused pane (or the pane that shows it, focused). */
export function openThread(threadId: string): void {
  if (!useThreads.getState().byId[threadId]) return;
  usePanes.getState().open(threadId);
}

export function browserNotificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/** Whether the browser could still be asked (only from a click: browsers ignore other requests). */
export function canAskForNotifications(): boolean {
  return !desktopBridge() && typeof Notification !== 'undefined' && Notification.permission === 'default';
}

export async function askForNotifications(): Promise<void> {
  if (!canAskForNotifications()) return;
  await Notification.requestPermission().catch(() => undefined);
}

function windowFocused(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus();
}

function show(attention: Attention): void {
  const bridge = desktopBridge();
  if (bridge) {
    bridge.notify(attention.title, attention.body, { threadId: attention.threadId, kind: attention.kind });
    return;
  }
  if (browserNotificationsAllowed()) {
    // One per thread and kind: a newer one replaces the older in the system's list.
    const notification = new Notification(attention.title, {
      body: attention.body,
      tag: `skein-${attention.kind}-${attention.threadId}`,
    });
    notification.onclick = () => {
      window.focus();
      openThread(attention.threadId);
      notification.close();
    };
    return;
  }
  useAttention.getState().push(attention);
}

/** Tells the person about `event` if the rules say so (attention-rules.ts). */
export function notifyAttention(event: AttentionEvent): void {
  const { panes, focused } = usePanes.getState();
  const attention = attentionFor(event, {
    threadTitle: useThreads.getState().byId[event.threadId]?.title ?? null,
    watchedThreadId: panes[focused] ?? null,
    windowFocused: windowFocused(),
  });
  if (attention) show(attention);
}
