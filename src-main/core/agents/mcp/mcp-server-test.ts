import type { McpServerConfig, McpTestResult } from '../../../../src-shared/contract';
import { McpClientConnection } from './mcp-client-connection';
import { toToolInfo } from './managed-mcp-server';

const NOOP_EVENTS = { lost: () => undefined, toolsChanged: () => undefined };

/** "Test" in the settings: a connection of its own, the tools listed, closed again. Never throws. */
export async function testMcpServer(config: McpServerConfig, timeoutMs: number): Promise<McpTestResult> {
  let connection: McpClientConnection;
  try {
    connection = await McpClientConnection.open(config, NOOP_EVENTS, timeoutMs);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  try {
    const tools = await connection.listTools();
    return { ok: true, serverInfo: connection.serverInfo, tools: tools.map(toToolInfo) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The server started but did not list its tools: ${reason}` };
  } finally {
    await connection.close();
  }
}
