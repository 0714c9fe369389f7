/**
 * A real MCP server for tests, over stdio: `node --import tsx test/support/mcp-test-server.ts`.
 * Its one tool, `lookup_ticket`, answers with a fixed sentence naming the ticket, and appends each
 * call to the file named by MCP_TEST_CALLS (when set), so a test can tell whether it ran.
 */
import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { MCP_TEST_TOOL, ticketAnswer } from './mcp-test-fixtures';

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
await server.connect(new StdioServerTransport());
