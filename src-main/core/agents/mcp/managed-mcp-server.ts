import type { CallToolResultContent, MCPCallToolOptions, MCPServer } from '@openai/agents';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpToolInfo } from '../../../../src-shared/contract';
import type { McpClientConnection } from './mcp-client-connection';

type AgentMcpTool = Awaited<ReturnType<MCPServer['listTools']>>[number];

/** A tool as the agents SDK takes it: the server's schema, with the fields it insists on filled. */
export function toAgentTool(tool: Tool): AgentMcpTool {
  const inputSchema = {
    ...tool.inputSchema,
    type: 'object',
    properties: tool.inputSchema.properties ?? {},
    required: tool.inputSchema.required ?? [],
  } as AgentMcpTool['inputSchema'];
  return { name: tool.name, description: tool.description, inputSchema };
}

/** A tool as Skein shows it (settings, "Test"). */
export function toToolInfo(tool: Tool): McpToolInfo {
  return { name: tool.name, description: tool.description ?? null, inputSchema: tool.inputSchema };
}

/** The result's content with its flags attached the way the agents SDK reads them (not enumerable). */
function contentWithMetadata(result: CallToolResult): CallToolResultContent {
  const content = result.content as CallToolResultContent;
  const metadata = {
    isError: result.isError,
    structuredContent: result.structuredContent,
    _meta: result._meta,
  };
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    Object.defineProperty(content, key, { value, enumerable: false, configurable: true });
  }
  return content;
}

/**
 * What a turn's agent holds of a managed server: stable across restarts (each call goes to the
 * server's live connection, waiting while it restarts), and never closed by the agent: the
 * manager owns the process.
 */
export class ManagedMcpServer implements MCPServer {
  readonly cacheToolsList = true;

  constructor(
    readonly name: string,
    /** The live connection; waits while the server starts or restarts, rejects with a sentence when it cannot. */
    private readonly live: () => Promise<McpClientConnection>,
    private readonly current: () => McpClientConnection | null,
  ) {}

  connect(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async listTools(): Promise<AgentMcpTool[]> {
    const connection = await this.live();
    return (await connection.listTools()).map(toAgentTool);
  }

  async callTool(
    toolName: string,
    args: Record<string, unknown> | null,
    meta?: Record<string, unknown> | null,
    options?: MCPCallToolOptions,
  ): Promise<CallToolResultContent> {
    const connection = await this.live();
    try {
      return contentWithMetadata(await connection.callTool(toolName, args, meta, options?.signal));
    } catch (error) {
      if (connection.lost) {
        throw new Error(
          `The MCP server "${this.name}" stopped while this tool ran, so its effect is unknown. ${connection.lost}`,
        );
      }
      throw error;
    }
  }

  invalidateToolsCache(): Promise<void> {
    this.current()?.invalidateTools();
    return Promise.resolve();
  }
}
