import { randomUUID } from 'node:crypto';
import type { MessageChannel, NotificationName, NotificationParams } from '../../src-shared/contract';
import type { Publisher, Subscriber } from '../core/events';

/** One client attached to the host (a window, a browser tab, a test). */
export interface Connection extends Subscriber {
  readonly id: string;
  readonly closed: boolean;
  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
  /** Runs when the client goes away; services use it to drop per-connection state (attachments, flow control). */
  onClose(listener: () => void): () => void;
}

export function createConnection(channel: MessageChannel): Connection & { send(text: string): void } {
  let closed = false;
  const closeListeners = new Set<() => void>();
  channel.onClose(() => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
    closeListeners.clear();
  });
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
    onClose(listener) {
      if (closed) {
        listener();
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}

/** Sends broadcast notifications to every open connection. */
export class Broadcaster implements Publisher {
  private readonly connections = new Set<Connection>();

  add(connection: Connection): void {
    this.connections.add(connection);
    connection.onClose(() => this.connections.delete(connection));
  }

  publish<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    for (const connection of this.connections) connection.notify(name, params);
  }

  get size(): number {
    return this.connections.size;
  }
}
