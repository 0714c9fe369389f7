import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type SkeinBridge } from '../src-shared/bridge';

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
  notify(title, body) {
    ipcRenderer.send(IPC_CHANNELS.notify, String(title), String(body));
  },
};

contextBridge.exposeInMainWorld('skein', bridge);
