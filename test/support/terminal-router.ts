import {
  SkeinError,
  createChannelPair,
  createRpcClient,
  type MessageChannel,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createConnection, type Connection } from '../../src-main/host/connection';
import type { Router } from '../../src-main/host/router';
import type { SqliteDatabase } from '../../src-main/core/store';
import { createThreadRows } from '../../src-main/core/threads/thread-rows';

/**
 * Reads threads straight from the store, standing in for the thread service in router tests of the
 * terminal handlers (which only look a thread up).
 */
export function threadLookupFromDatabase(db: SqliteDatabase): { get(threadId: string): Thread } {
  const rows = createThreadRows(db);
  return {
    get(threadId) {
      const thread = rows.get(threadId);
      if (!thread) throw new SkeinError('NOT_FOUND', `There is no thread ${threadId}.`);
      return thread;
    },
  };
}

export interface RoutedClient {
  client: RpcClient;
  connection: Connection;
  channel: MessageChannel;
}

/** A client wired to a router through an in-memory channel, like the host's `connect`. */
export function connectToRouter(router: Router): RoutedClient {
  const [clientSide, hostSide] = createChannelPair();
  const connection = createConnection(hostSide);
  hostSide.onMessage((text) => {
    void router.handle(text, { connection }).then((response) => {
      if (response !== null) connection.send(response);
    });
  });
  return { client: createRpcClient(clientSide), connection, channel: clientSide };
}
