import type { MessageChannel } from '../../src-shared/contract';
import type { SkeinBridge } from '../../src-shared/bridge';

declare global {
  interface Window {
    /** The preload bridge; present only inside the desktop window. */
    skein?: SkeinBridge;
  }
}

/** The desktop bridge, if this page runs inside the Electron window. */
export function desktopBridge(): SkeinBridge | null {
  return typeof window !== 'undefined' && window.skein ? window.skein : null;
}

/**
 * Adapts the preload bridge to a MessageChannel. The IPC pipe itself never closes; a host restart
 * is announced with `host/restarted`, and the session then replaces this adapter with a fresh one.
 */
export function bridgeChannel(bridge: SkeinBridge): MessageChannel {
  const closeListeners = new Set<(reason?: string) => void>();
  const unsubscribers = new Set<() => void>();
  let closed = false;
  return {
    send(text) {
      if (!closed) bridge.send(text);
    },
    onMessage(listener) {
      const unsubscribe = bridge.onMessage((text) => {
        if (!closed) listener(text);
      });
      unsubscribers.add(unsubscribe);
      return () => {
        unsubscribe();
        unsubscribers.delete(unsubscribe);
      };
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers.clear();
      for (const listener of closeListeners) listener('closed by the window');
    },
  };
}

/** The WebSocket address of the browser door: same host as the page, token from the page URL. */
export function rpcSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}

/** Opens a WebSocket and resolves once it is open, as a MessageChannel; rejects if it cannot open. */
export function openSocketChannel(url: string): Promise<MessageChannel> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const closeListeners = new Set<(reason?: string) => void>();
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      resolve({
        send(text) {
          if (socket.readyState === WebSocket.OPEN) socket.send(text);
        },
        onMessage(listener) {
          const handler = (event: MessageEvent) => {
            if (typeof event.data === 'string') listener(event.data);
          };
          socket.addEventListener('message', handler);
          return () => socket.removeEventListener('message', handler);
        },
        onClose(listener) {
          closeListeners.add(listener);
          return () => closeListeners.delete(listener);
        },
        close() {
          socket.close(1000, 'client closed');
        },
      });
    });
    socket.addEventListener('close', (event) => {
      if (!opened) {
        reject(new Error(`Could not reach the Skein host (WebSocket closed with code ${event.code}).`));
        return;
      }
      const reason = event.reason || `code ${event.code}`;
      for (const listener of closeListeners) listener(reason);
      closeListeners.clear();
    });
  });
}

/** The pipe to the host for this page: the preload bridge in the desktop window, a WebSocket in a browser. */
export async function openHostChannel(): Promise<MessageChannel> {
  const bridge = desktopBridge();
  if (bridge) return bridgeChannel(bridge);
  return openSocketChannel(rpcSocketUrl(window.location));
}
