import { useEffect, useState } from 'react';
import type { McpServerEntry } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { useMcpVersion } from './mcp-slice';

export interface McpContext {
  projectId?: string;
  threadId?: string;
}

export interface McpList {
  /** The listing at the asked layer (the thread's when there is one). */
  servers: McpServerEntry[] | null;
  /** With a thread: the same servers as the project sees them, for the project's switches. */
  projectServers: McpServerEntry[] | null;
  error: string | null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `mcp/list` for the context, fetched again on every `mcp/changed` and reconnect. Changes made here
 * call `refreshMcp` too: a save's own answer is listed at the saved layer, not at this view's.
 */
export function useMcpList(context: McpContext): McpList {
  const client = useSession((s) => s.client);
  const version = useMcpVersion((s) => s.version);
  const [servers, setServers] = useState<McpServerEntry[] | null>(null);
  const [projectServers, setProjectServers] = useState<McpServerEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { projectId, threadId } = context;

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    const asks = [client.api.mcp.list({ projectId, threadId })];
    if (threadId && projectId) asks.push(client.api.mcp.list({ projectId }));
    Promise.all(asks).then(
      ([main, project]) => {
        if (cancelled) return;
        setServers(main?.servers ?? []);
        setProjectServers(project?.servers ?? null);
        setError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setError(describe(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, version, projectId, threadId]);

  return { servers, projectServers, error };
}
