import { randomUUID } from 'node:crypto';
import type { MessageChannel, NotificationName, NotificationParams } from '../../src-shared/contract';
import type { Publisher, Subscriber } from '../core/events';
import { createLogger } from '../core/log';

const log = createLogger('broadcaster');

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
  private readonly listeners = new Map<NotificationName, Set<(params: never) => void>>();

  /**
   * Lets a host service react in-process to another service's notification (e.g. review comments
   * to `turn/completed`) without the two depending on each other. Listeners run synchronously
   * after the clients were sent the notification; one that throws is logged and skipped.
   */
  on<N extends NotificationName>(name: N, listener: (params: NotificationParams<N>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  add(connection: Connection): void {
    this.connections.add(connection);
    connection.onChannelClose(() => this.connections.delete(connection));
  }

  publish<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    for (const connection of this.connections) connection.notify(name, params);
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        (listener as (params: NotificationParams<N>) => void)(params);
      } catch (error) {
        log.error(`A listener of ${name} failed`, error);
      }
    }
  }

  get size(): number {
    return this.connections.size;
  }
}
