import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, parseNotificationTarget, parseThreadId, type SkeinBridge } from '../src-shared/bridge';

/**
 * The preload: exposes `window.skein` with exactly the functions of SkeinBridge. Each wraps one IPC
 * channel; ipcRenderer, its events and Node are never handed to the page.
 */
const bridge: SkeinBridge = {
  send(text) {
    if (typeof text === 'string') ipcRenderer.send(IPC_CHANNELS.rpc, text);
  },
  onMessage(listener) {
    // The page gets the text only, never the IPC event (whose `sender` would be ipcRenderer itself).
    const relay = (_event: IpcRendererEvent, text: unknown) => {
      if (typeof text === 'string') listener(text);
    };
    ipcRenderer.on(IPC_CHANNELS.rpc, relay);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.rpc, relay);
    };
  },
  async pickFolder() {
    const chosen: unknown = await ipcRenderer.invoke(IPC_CHANNELS.pickFolder);
    return typeof chosen === 'string' ? chosen : null;
  },
  notify(title, body, target) {
    // A target that is not one is left off: the notification still shows, without a click action.
    const parsed = target === undefined ? null : parseNotificationTarget(target);
    if (parsed) ipcRenderer.send(IPC_CHANNELS.notify, String(title), String(body), parsed);
    else ipcRenderer.send(IPC_CHANNELS.notify, String(title), String(body));
  },
  onNotificationClick(listener) {
    const relay = (_event: IpcRendererEvent, threadId: unknown) => {
      const id = parseThreadId(threadId);
      if (id) listener(id);
    };
    ipcRenderer.on(IPC_CHANNELS.notificationClicked, relay);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.notificationClicked, relay);
    };
  },
};

contextBridge.exposeInMainWorld('skein', bridge);
