import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { RpcClient } from '../../../src-shared/contract';
import { createSkeinMcpServer } from './skein-mcp-server';

/**
 * MCP over this process's stdin/stdout. Resolves when the client goes away (stdin ends or the
 * transport closes): clients stop a stdio server by closing its stdin.
 */
export async function serveMcpOverStdio(rpc: RpcClient, stop: Promise<string>): Promise<string> {
  const server = createSkeinMcpServer(rpc);
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
