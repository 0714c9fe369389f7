import type { MessageChannel } from '../../../src-shared/contract';

/**
 * The part of Electron's `process.parentPort` we use. A utility process has no stdin, so a packaged
 * desktop app talks to its host over this port instead. Typed structurally: the host never imports electron.
 */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The parent port when running inside an Electron utility process, else null. */
export function findParentPort(): ParentPortLike | null {
  const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  return port ?? null;
}

export function createParentPortChannel(port: ParentPortLike): MessageChannel {
  const messageListeners = new Set<(text: string) => void>();
  const closeListeners = new Set<(reason?: string) => void>();
  let closed = false;

  const onPortMessage = (event: { data: unknown }): void => {
    // Only text frames are part of the contract; anything else is a bug in the sender, so drop it.
    if (closed || typeof event.data !== 'string') return;
    for (const listener of messageListeners) listener(event.data);
  };
  port.on('message', onPortMessage);

  return {
    send(text) {
      if (!closed) port.postMessage(text);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      port.off('message', onPortMessage);
      for (const listener of closeListeners) listener('closed');
      closeListeners.clear();
      messageListeners.clear();
    },
  };
}
