import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RpcClient } from '../../../src-shared/contract';
import { SKEIN_VERSION } from '../version';
import { registerProjectTools } from './project-tools';
import { registerReviewTools } from './review-tools';
import { registerThreadTools } from './thread-tools';

const INSTRUCTIONS = [
  'Skein runs coding-agent threads, each in its own git worktree and branch.',
  'Start one with thread_start (repo path + prompt); follow it with thread_status, thread_reply and thread_diff.',
  'When a result says waiting_for_approval, answer with thread_approve.',
].join(' ');

/**
 * One MCP server over a contract client of the host; a connection (stdio, or one HTTP session) gets its
 * own, and they may share the client.
 */
export function createSkeinMcpServer(rpc: RpcClient): McpServer {
  const server = new McpServer(
    { name: 'skein', version: SKEIN_VERSION },
    { capabilities: { tools: {}, logging: {} }, instructions: INSTRUCTIONS },
  );
  const context = { rpc, server };
  registerThreadTools(context);
  registerReviewTools(context);
  registerProjectTools(context);
  return server;
}
