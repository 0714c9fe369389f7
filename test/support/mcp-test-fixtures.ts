import { join } from 'node:path';
import type { McpServerConfig } from '../../src-shared/contract';
import { REPO_ROOT } from './skein-cli-process';

/** The tool of test/support/mcp-test-server.ts and what it answers. */
export const MCP_TEST_TOOL = 'lookup_ticket';
export const ticketAnswer = (id: string): string => `Ticket ${id}: the login page times out after 30 s.`;

/** The test server as a user would configure it: a stdio command (Node running it from source). */
export function mcpTestServerConfig(name: string, callsFile: string): McpServerConfig {
  return {
    name,
    transport: 'stdio',
    command: process.execPath,
    args: ['--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'mcp-test-server.ts')],
    env: { MCP_TEST_CALLS: callsFile },
    cwd: REPO_ROOT,
  };
}
