import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { RpcClient } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { allowedHostHeaders, isLoopbackHost } from '../serve/loopback';
import { createServeToken, tokensMatch } from '../serve/rpc-upgrade';
import { createSkeinMcpServer } from './skein-mcp-server';

const log = createLogger('mcp-http');

export const MCP_PATH = '/mcp';
const BIND_HOST = '127.0.0.1';
const SESSION_HEADER = 'mcp-session-id';

export interface McpHttpServer {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
}

/** Browsers send Origin; the spec asks servers to refuse origins they do not trust (DNS rebinding, CSRF). */
function originAllowed(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/**
 * Streamable HTTP on 127.0.0.1: one MCP session per client (its own McpServer over the shared host).
 * Every request needs the bearer token; an Origin other than localhost and a Host header other than
 * this server's are refused.
 */
export async function startMcpHttpServer(options: {
  rpc: RpcClient;
  port: number;
  token?: string;
}): Promise<McpHttpServer> {
  const token = options.token ?? createServeToken();
  const sessions = new Map<string, Session>();
  let allowedHosts = new Set<string>();

  const openSession = async (): Promise<StreamableHTTPServerTransport> => {
    const server = createSkeinMcpServer(options.rpc);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
      enableDnsRebindingProtection: true,
      allowedHosts: [...allowedHosts],
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    return transport;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
    if (!originAllowed(req.headers.origin)) {
      return refuse(
        res,
        403,
        `Origin ${req.headers.origin ?? ''} is not allowed: only pages on this machine may call.`,
      );
    }
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return refuse(res, 403, `Host ${req.headers.host ?? ''} is not allowed.`);
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !tokensMatch(token, auth.slice('Bearer '.length))) {
      res.setHeader('www-authenticate', 'Bearer');
      return refuse(res, 401, 'Missing or wrong bearer token (printed by `skein mcp --http` at start).');
    }
    const sessionId = req.headers[SESSION_HEADER];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return refuse(res, 404, 'Unknown or closed MCP session; initialize a new one.');
      return session.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return refuse(res, 400, 'Start a session with an initialize POST.');
    const transport = await openSession();
    await transport.handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('An MCP HTTP request failed', error);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, BIND_HOST, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(BIND_HOST, port);

  return {
    url: `http://${BIND_HOST}:${port}${MCP_PATH}`,
    token,
    async close() {
      for (const session of [...sessions.values()]) await session.server.close();
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
