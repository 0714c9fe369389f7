/**
 * What the preload exposes to the renderer as `window.skein` (desktop only). Deliberately tiny:
 * a message pipe for the contract plus two native calls. The browser build has no bridge and
 * uses a WebSocket for the same pipe.
 */
export interface SkeinBridge {
  /** Sends one JSON-RPC text frame to the host. */
  send(text: string): void;
  /** Receives JSON-RPC text frames from the host; returns an unsubscribe function. */
  onMessage(listener: (text: string) => void): () => void;
  /** Opens the native folder picker; resolves to the chosen path, or null if cancelled. */
  pickFolder(): Promise<string | null>;
  /**
   * Shows a desktop notification; with a target, a click focuses the window and is told to
   * `onNotificationClick` listeners with the thread's id.
   */
  notify(title: string, body: string, target?: NotificationTarget): void;
  /** Hears the thread id of a desktop notification the user clicked; returns an unsubscribe function. */
  onNotificationClick(listener: (threadId: string) => void): () => void;
}

/** What a notification is about: "needs you" (an approval, a budget, input) or "done" (a turn ended). */
export const NOTIFICATION_KINDS = ['needs-you', 'done'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The thread a desktop notification opens when clicked. */
export interface NotificationTarget {
  threadId: string;
  kind: NotificationKind;
}

/** Thread ids as the contract has them (idSchema: 1–64 characters); main checks the shape too. */
const THREAD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A notification target from an untrusted side of IPC, or null when it is not one. */
export function parseNotificationTarget(value: unknown): NotificationTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const { threadId, kind } = value as { threadId?: unknown; kind?: unknown };
  if (typeof threadId !== 'string' || !THREAD_ID_PATTERN.test(threadId)) return null;
  if (typeof kind !== 'string' || !(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null;
  return { threadId, kind: kind as NotificationKind };
}

/** A thread id from an untrusted side of IPC, or null. */
export function parseThreadId(value: unknown): string | null {
  return typeof value === 'string' && THREAD_ID_PATTERN.test(value) ? value : null;
}

/** Names the preload exposes; a unit test checks the preload exposes exactly these. */
export const BRIDGE_FUNCTIONS = ['send', 'onMessage', 'pickFolder', 'notify', 'onNotificationClick'] as const;

/** IPC channel names between preload and Electron main. */
export const IPC_CHANNELS = {
  rpc: 'skein:rpc',
  pickFolder: 'skein:pick-folder',
  notify: 'skein:notify',
  /** Main → window: the thread id of a notification the user clicked. */
  notificationClicked: 'skein:notification-clicked',
} as const;
