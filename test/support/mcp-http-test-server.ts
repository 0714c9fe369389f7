import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { MCP_TEST_TOOL, ticketAnswer } from './mcp-test-fixtures';

/** The header the HTTP test server wants, and the value it accepts. */
export const MCP_HTTP_AUTH_HEADER = 'x-skein-test-token';

export interface McpHttpTestServer {
  /** The MCP endpoint: `http://127.0.0.1:<port>/mcp`. */
  url: string;
  /** Headers of every request that reached the endpoint (refused ones too). */
  readonly requests: IncomingHttpHeaders[];
  /** Ticket ids the lookup tool was called with. */
  readonly calls: string[];
  close(): Promise<void>;
}

function mcpServer(calls: string[]): McpServer {
  const server = new McpServer({ name: 'skein-http-tickets', version: '2.0.0' });
  server.registerTool(
    MCP_TEST_TOOL,
    { description: 'Looks up a ticket in the tracker by its id.', inputSchema: { id: z.string() } },
    ({ id }) => {
      calls.push(id);
      return { content: [{ type: 'text', text: ticketAnswer(id) }] };
    },
  );
  return server;
}

/**
 * A real Streamable HTTP MCP server on 127.0.0.1 (a free port), stateless: each POST gets its own
 * server and transport, as the SDK's stateless example does. Requests without the token get 401.
 */
export async function startMcpHttpTestServer(token: string): Promise<McpHttpTestServer> {
  const requests: IncomingHttpHeaders[] = [];
  const calls: string[] = [];
  const http: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/mcp')) {
      res.writeHead(404).end();
      return;
    }
    requests.push(req.headers);
    if (req.headers[MCP_HTTP_AUTH_HEADER] !== token) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    if (req.method !== 'POST') {
      // No standalone SSE stream: a stateless server has nothing to push.
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const server = mcpServer(calls);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
