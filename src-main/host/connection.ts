import { randomUUID } from 'node:crypto';
import type { MessageChannel, NotificationName, NotificationParams } from '../../src-shared/contract';
import type { Publisher, Subscriber } from '../core/events';

/** One client attached to the host (a window, a browser tab, a test). */
export interface Connection extends Subscriber {
  readonly id: string;
  readonly closed: boolean;
  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
  /**
   * Runs when the client's session ends: the channel closed, or the client started over (`host/hello` after a
   * reload). Services use it to drop per-session state (attachments, flow control).
   */
  onClose(listener: () => void): () => void;
  /** Ends the current session without closing the channel. */
  resetSession(): void;
  /** Runs only when the channel itself closes. */
  onChannelClose(listener: () => void): () => void;
}

export function createConnection(channel: MessageChannel): Connection & { send(text: string): void } {
  let closed = false;
  const sessionListeners = new Set<() => void>();
  const channelListeners = new Set<() => void>();
  const endSession = () => {
    const listeners = [...sessionListeners];
    sessionListeners.clear();
    for (const listener of listeners) listener();
  };
  channel.onClose(() => {
    if (closed) return;
    closed = true;
    endSession();
    for (const listener of channelListeners) listener();
    channelListeners.clear();
  });
  const subscribe = (set: Set<() => void>, listener: () => void) => {
    if (closed) {
      listener();
      return () => undefined;
    }
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    id: randomUUID(),
    get closed() {
      return closed;
    },
    send(text) {
      if (!closed) channel.send(text);
    },
    notify(name, params) {
      if (!closed) channel.send(JSON.stringify({ jsonrpc: '2.0', method: name, params }));
    },
    onClose: (listener) => subscribe(sessionListeners, listener),
    onChannelClose: (listener) => subscribe(channelListeners, listener),
    resetSession: endSession,
  };
}

/** Sends broadcast notifications to every open connection. */
export class Broadcaster implements Publisher {
  private readonly connections = new Set<Connection>();

  add(connection: Connection): void {
    this.connections.add(connection);
    connection.onChannelClose(() => this.connections.delete(connection));
  }

  publish<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    for (const connection of this.connections) connection.notify(name, params);
  }

  get size(): number {
    return this.connections.size;
  }
}
