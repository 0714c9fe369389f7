import { createHash } from 'node:crypto';
import { mcpToFunctionTool, type MCPServer } from '@openai/agents';
import { decideMcpTool } from '../../approvals';
import { scrubDeep } from '../scrub/item-scrub';
import type { ToolEnvironment } from '../tools/tool-environment';
import type { ConnectedMcpServer, McpConnectFailure } from './types';

/** Function names providers accept: OpenAI's limit is 64 characters of `[A-Za-z0-9_-]`. */
const MAX_TOOL_NAME_CHARS = 64;

export interface McpToolSet {
  tools: ReturnType<typeof mcpToFunctionTool>[];
  /** Function name the model sees → `mcp:<server>:<tool>`, the name approvals and rules use. */
  keys: Map<string, string>;
  failures: McpConnectFailure[];
}

/** The name approvals and "always allow" rules use for a tool of an MCP server. */
export const mcpToolKey = (server: string, tool: string): string => `mcp:${server}:${tool}`;

/** `mcp__<server>__<tool>`, kept to what every provider accepts and unique in the turn. */
function functionName(server: string, tool: string, taken: Set<string>): string {
  const safe = (part: string) => part.replace(/[^A-Za-z0-9_-]/g, '_');
  let name = `mcp__${safe(server)}__${safe(tool)}`;
  if (name.length > MAX_TOOL_NAME_CHARS || taken.has(name)) {
    const hash = createHash('sha1').update(`${server}\0${tool}`).digest('hex').slice(0, 8);
    name = `${name.slice(0, MAX_TOOL_NAME_CHARS - 9)}_${hash}`;
  }
  for (let n = 2; taken.has(name); n++) name = `${name.slice(0, MAX_TOOL_NAME_CHARS - 4)}_${n}`;
  taken.add(name);
  return name;
}

/**
 * A turn's view of a shared server: calls wait for the turn's "before" snapshot (an MCP tool may
 * change files too), and closing it leaves the shared connection to its owner.
 */
class TurnMcpServer implements MCPServer {
  readonly cacheToolsList = false;
  /** The model sees why a call failed (a crashed server, a tool error), not the SDK's generic sentence. */
  readonly errorFunction = ({ error }: { error: unknown }): string =>
    this.scrub.text(`The tool call failed: ${error instanceof Error ? error.message : String(error)}`);

  constructor(
    private readonly inner: MCPServer,
    private readonly ready: () => Promise<unknown>,
    private readonly scrub: ToolEnvironment['scrub'],
  ) {}

  get name(): string {
    return this.inner.name;
  }
  connect(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  listTools(): ReturnType<MCPServer['listTools']> {
    return this.inner.listTools();
  }
  async callTool(...args: Parameters<MCPServer['callTool']>): ReturnType<MCPServer['callTool']> {
    await this.ready();
    const content = await this.inner.callTool(...args);
    // A server may answer with a token it holds (an echoed header, a config dump): the model and the
    // transcript get the result without the host's secret values. Parts are replaced in place: the
    // array carries the result's metadata (isError, structuredContent) as properties.
    const scrub = (text: string) => this.scrub.text(text);
    content.forEach((part, index) => (content[index] = scrubDeep(part, scrub) as typeof part));
    if (content.structuredContent)
      content.structuredContent = scrubDeep(content.structuredContent, scrub) as Record<string, unknown>;
    return content;
  }
  invalidateToolsCache(): Promise<void> {
    return this.inner.invalidateToolsCache();
  }
}

/**
 * The tools of the connected servers as function tools of the turn's agent, each asking for
 * approval as the policy and the rules say. Built as tools rather than handed to the SDK as
 * `mcpServers`, whose tools would run without any approval.
 */
export async function buildMcpTools(
  servers: readonly ConnectedMcpServer[],
  env: Pick<ToolEnvironment, 'safety' | 'toolAllowed' | 'verdicts' | 'beforeSnapshot' | 'scrub'>,
  reservedNames: readonly string[],
): Promise<McpToolSet> {
  const taken = new Set(reservedNames);
  const set: McpToolSet = { tools: [], keys: new Map(), failures: [] };
  for (const { name: serverName, server } of servers) {
    let listed;
    try {
      listed = await server.listTools();
    } catch (error) {
      set.failures.push({
        name: serverName,
        message: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const turnServer = new TurnMcpServer(server, () => env.beforeSnapshot, env.scrub);
    for (const mcpTool of listed) {
      const name = functionName(serverName, mcpTool.name, taken);
      const key = mcpToolKey(serverName, mcpTool.name);
      const tool = mcpToFunctionTool(mcpTool, turnServer, false, { toolNameOverride: name });
      // Replaced in place: the SDK keys the tool's MCP identity on its `invoke`, which must stay.
      tool.needsApproval = (_context, _input, callId) => {
        const verdict = decideMcpTool(env.safety().approvalPolicy, env.toolAllowed(key));
        if (callId) env.verdicts.set(callId, verdict);
        return Promise.resolve(verdict.action === 'ask');
      };
      set.tools.push(tool);
      set.keys.set(name, key);
    }
  }
  return set;
}
