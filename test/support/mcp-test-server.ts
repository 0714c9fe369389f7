/**
 * A real MCP server for tests, over stdio: `node --import tsx test/support/mcp-test-server.ts`.
 * Its tool `lookup_ticket` answers with a fixed sentence naming the ticket, and appends each call to
 * the file named by MCP_TEST_CALLS (when set), so a test can tell whether it ran; `env_names` lists
 * the names of its environment variables. The tool `crash`
 * makes it exit mid-call (after a line on stderr), MCP_TEST_EXIT_AT_START makes it exit at once,
 * and MCP_TEST_CRASH_ON_START_FILE makes it exit at start while that file exists (a crash loop).
 */
import { appendFileSync, existsSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { MCP_CRASH_TOOL, MCP_ENV_TOOL, MCP_TEST_TOOL, ticketAnswer } from './mcp-test-fixtures';

process.stderr.write(`mcp-test-server ${process.pid} starting\n`);
const exitAtStart = process.env.MCP_TEST_EXIT_AT_START;
if (exitAtStart) {
  process.stderr.write(`mcp-test-server: refusing to start (${exitAtStart})\n`);
  process.exit(7);
}
const crashFile = process.env.MCP_TEST_CRASH_ON_START_FILE;
if (crashFile && existsSync(crashFile)) {
  process.stderr.write('mcp-test-server: crash-on-start file present\n');
  process.exit(9);
}

const server = new McpServer({ name: 'skein-test-tickets', version: '1.0.0' });
server.registerTool(
  MCP_TEST_TOOL,
  { description: 'Looks up a ticket in the tracker by its id.', inputSchema: { id: z.string() } },
  ({ id }) => {
    const calls = process.env.MCP_TEST_CALLS;
    if (calls) appendFileSync(calls, `${id}\n`);
    return { content: [{ type: 'text', text: ticketAnswer(id) }] };
  },
);
server.registerTool(
  MCP_CRASH_TOOL,
  { description: 'Makes the server exit with the given code.', inputSchema: { code: z.number().int() } },
  ({ code }) => {
    process.stderr.write(`mcp-test-server: crashing on purpose with code ${code}\n`);
    // Exits after stderr is written, before any answer goes out: the call is in flight when it dies.
    process.stderr.write('', () => process.exit(code));
    return new Promise<never>(() => undefined);
  },
);
server.registerTool(
  MCP_ENV_TOOL,
  { description: 'Lists the names of the environment variables the server got.', inputSchema: {} },
  () => ({ content: [{ type: 'text', text: Object.keys(process.env).sort().join('\n') }] }),
);
await server.connect(new StdioServerTransport());
