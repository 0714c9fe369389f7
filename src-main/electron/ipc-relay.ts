import {
  dialog,
  ipcMain,
  Notification,
  type BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
} from 'electron';
import { IPC_CHANNELS, parseNotificationTarget } from '../../src-shared/bridge';
import { isSecretsRequest, isSecretsResponse } from '../host/secrets/secrets-frames';
import { createMainLogger } from './main-log';

const log = createMainLogger('ipc');

/** Largest frame relayed from the window: the same bound `serve` puts on a WebSocket message. */
export const MAX_RPC_FRAME_CHARS = 8 * 1024 * 1024;
/** Desktop notifications are glanceable; longer text is cut rather than refused. */
const MAX_NOTIFICATION_TITLE_CHARS = 200;
const MAX_NOTIFICATION_BODY_CHARS = 1_000;

/** The host side of the relay (the supervisor). */
export interface HostLink {
  send(text: string): void;
  onFrame(listener: (text: string) => void): () => void;
}

export interface IpcRelayOptions {
  getWindow: () => BrowserWindow | null;
  isAppUrl: (url: string) => boolean;
  host: HostLink;
}

/**
 * A message is trusted only if it comes from our window's webContents, from its top frame (not an
 * iframe), and that frame shows one of our own pages.
 */
export function isTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  window: BrowserWindow | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

function describeSender(event: IpcMainEvent | IpcMainInvokeEvent): string {
  return `webContents ${event.sender.id}, frame ${event.senderFrame?.url ?? '(gone)'}`;
}

/**
 * The only place main touches ipcMain: relays contract frames between the window and the host, and
 * serves the two native calls of the preload bridge. Returns a function that removes everything.
 */
export function createIpcRelay(options: IpcRelayOptions): () => void {
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean => {
    if (isTrustedSender(event, options.getWindow(), options.isAppUrl)) return true;
    log.warn(`Dropped ${channel} from an untrusted sender (${describeSender(event)})`);
    return false;
  };

  const onRpc = (event: IpcMainEvent, text: unknown): void => {
    if (!trusted(event, IPC_CHANNELS.rpc)) return;
    if (typeof text !== 'string' || text.length > MAX_RPC_FRAME_CHARS) {
      log.warn(
        `Dropped an invalid ${IPC_CHANNELS.rpc} frame (${typeof text}, ${typeof text === 'string' ? text.length : 0} chars)`,
      );
      return;
    }
    // The secrets channel is main's and the host's alone; a window has no business speaking on it.
    if (isSecretsRequest(text) || isSecretsResponse(text)) {
      log.warn(`Dropped a secrets frame from the window (${describeSender(event)})`);
      return;
    }
    options.host.send(text);
  };

  /** Shown notifications with a click action, held so they are not collected before the click. */
  const clickable = new Set<Notification>();

  /** A click brings the window to the front and tells it which thread to open. */
  const openThread = (threadId: string): void => {
    const window = options.getWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    window.webContents.send(IPC_CHANNELS.notificationClicked, threadId);
  };

  const onNotify = (event: IpcMainEvent, title: unknown, body: unknown, ...rest: unknown[]): void => {
    if (!trusted(event, IPC_CHANNELS.notify)) return;
    if (typeof title !== 'string' || typeof body !== 'string') {
      log.warn(`Dropped a ${IPC_CHANNELS.notify} call without a string title and body`);
      return;
    }
    const target = rest.length === 0 ? null : parseNotificationTarget(rest[0]);
    if (rest.length > 1 || (rest.length === 1 && !target)) {
      log.warn(`Dropped a ${IPC_CHANNELS.notify} call with an invalid target`);
      return;
    }
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: title.slice(0, MAX_NOTIFICATION_TITLE_CHARS),
      body: body.slice(0, MAX_NOTIFICATION_BODY_CHARS),
    });
    if (target) {
      clickable.add(notification);
      notification.once('click', () => {
        clickable.delete(notification);
        openThread(target.threadId);
      });
      notification.once('close', () => clickable.delete(notification));
    }
    notification.show();
  };

  const onPickFolder = async (event: IpcMainInvokeEvent): Promise<string | null> => {
    if (!trusted(event, IPC_CHANNELS.pickFolder))
      throw new Error('Refused: this page may not open the folder picker.');
    const window = options.getWindow();
    const dialogOptions: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
    const result = window
      ? await dialog.showOpenDialog(window, dialogOptions)
      : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };

  const stopFrames = options.host.onFrame((text) => {
    const window = options.getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.rpc, text);
  });
  ipcMain.on(IPC_CHANNELS.rpc, onRpc);
  ipcMain.on(IPC_CHANNELS.notify, onNotify);
  ipcMain.handle(IPC_CHANNELS.pickFolder, onPickFolder);

  return () => {
    stopFrames();
    ipcMain.off(IPC_CHANNELS.rpc, onRpc);
    ipcMain.off(IPC_CHANNELS.notify, onNotify);
    clickable.clear();
    ipcMain.removeHandler(IPC_CHANNELS.pickFolder);
  };
}
