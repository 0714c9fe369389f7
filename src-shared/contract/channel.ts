/**
 * A bidirectional pipe of JSON-RPC text frames. Every transport (in-process, stdio,
 * Electron IPC, WebSocket) adapts to this, so client and router never know which one they use.
 */
export interface MessageChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): () => void;
  onClose(listener: (reason?: string) => void): () => void;
  close(): void;
}

/** Two connected in-memory channels. Delivery is async (microtask) like a real pipe, so ordering bugs show up in tests. */
export function createChannelPair(): [MessageChannel, MessageChannel] {
  type Side = { listeners: Set<(text: string) => void>; closeListeners: Set<(reason?: string) => void> };
  const a: Side = { listeners: new Set(), closeListeners: new Set() };
  const b: Side = { listeners: new Set(), closeListeners: new Set() };
  let closed = false;
  const make = (self: Side, peer: Side): MessageChannel => ({
    send(text) {
      if (closed) return;
      queueMicrotask(() => {
        if (!closed) for (const l of peer.listeners) l(text);
      });
    },
    onMessage(listener) {
      self.listeners.add(listener);
      return () => self.listeners.delete(listener);
    },
    onClose(listener) {
      self.closeListeners.add(listener);
      return () => self.closeListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const side of [a, b]) for (const l of side.closeListeners) l('closed');
    },
  });
  return [make(a, b), make(b, a)];
}
