import {
  SkeinError,
  createChannelPair,
  createRpcClient,
  threadSchema,
  type MessageChannel,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createConnection, type Connection } from '../../src-main/host/connection';
import type { Router } from '../../src-main/host/router';
import type { SqliteDatabase } from '../../src-main/core/store';

interface ThreadRow {
  id: string;
  project_id: string;
  title: string;
  slug: string;
  branch: string;
  base: string;
  base_commit: string;
  worktree_path: string;
  backend: string;
  status: string;
  status_detail: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

/**
 * Reads threads straight from the store, standing in for the thread service in router tests of the
 * terminal handlers (which only look a thread up).
 */
export function threadLookupFromDatabase(db: SqliteDatabase): { get(threadId: string): Thread } {
  return {
    get(threadId) {
      const row = db
        .prepare<[string], ThreadRow>('SELECT * FROM threads WHERE id = ? AND deleted_at IS NULL')
        .get(threadId);
      if (!row) throw new SkeinError('NOT_FOUND', `There is no thread ${threadId}.`);
      return threadSchema.parse({
        id: row.id,
        projectId: row.project_id,
        title: row.title,
        slug: row.slug,
        branch: row.branch,
        base: row.base,
        baseCommit: row.base_commit,
        worktreePath: row.worktree_path,
        backend: row.backend,
        status: row.status,
        statusDetail: row.status_detail,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        archivedAt: row.archived_at,
      });
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
