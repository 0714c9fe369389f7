import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { HostServices } from '../create-host';
import { createSkeinMcpServer } from './skein-mcp-server';

/**
 * MCP over this process's stdin/stdout. Resolves when the client goes away (stdin ends or the
 * transport closes): clients stop a stdio server by closing its stdin.
 */
export async function serveMcpOverStdio(services: HostServices, stop: Promise<string>): Promise<string> {
  const server = createSkeinMcpServer(services);
  const transport = new StdioServerTransport();
  const clientGone = new Promise<string>((resolve) => {
    process.stdin.once('end', () => resolve('stdin closed'));
    server.server.onclose = () => resolve('transport closed');
  });
  await server.connect(transport);
  const reason = await Promise.race([stop, clientGone]);
  await server.close();
  return reason;
}
