import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { join } from 'node:path';
import { REPO_ROOT, spawnSkein, type SkeinProcess } from './skein-cli-process';

const CLI_SOURCE = join(REPO_ROOT, 'src-main', 'host', 'cli.ts');

/** The SDK's transports take a string-only environment. */
function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return { ...out, SKEIN_LOG_LEVEL: 'warn' };
}

export interface McpClientOptions {
  /** Declare the elicitation capability and answer every form with this. */
  elicit?: (request: ElicitRequest['params']) => ElicitResult;
}

function newClient(options: McpClientOptions): Client {
  const client = new Client(
    { name: 'skein-test-client', version: '1.0.0' },
    { capabilities: options.elicit ? { elicitation: { form: {} } } : {} },
  );
  const elicit = options.elicit;
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params));
  return client;
}

export interface StdioMcp {
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** `skein mcp --data DIR` from source (tsx) as a stdio MCP server, with the SDK's own client connected. */
export async function connectStdioMcp(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  options: McpClientOptions = {},
): Promise<StdioMcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', CLI_SOURCE, 'mcp', '--data', dataDir],
    cwd: REPO_ROOT,
    env: stringEnv(env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = newClient(options);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    // Closing ends the server's stdin; the SDK escalates to SIGTERM/SIGKILL if it lingers.
    close: () => client.close(),
  };
}

export interface HttpMcp {
  process: SkeinProcess;
  url: string;
  token: string;
  connect(options?: McpClientOptions): Promise<Client>;
  /** Closes the clients, then stops the server with SIGTERM; resolves with how it exited. */
  close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const STARTED_LINE = /^Skein MCP at (\S+) \(send "Authorization: Bearer (\S+)"\)$/;

/** `skein mcp --http` on a free port; `connect` opens SDK clients with the printed bearer token. */
export async function startHttpMcp(dataDir: string, env: NodeJS.ProcessEnv): Promise<HttpMcp> {
  const child = spawnSkein(['mcp', '--http', '--data', dataDir], stringEnv(env));
  const line = await child.firstLine(60_000).catch(async (error: unknown) => {
    await child.stop('SIGKILL');
    throw error;
  });
  const match = STARTED_LINE.exec(line);
  if (!match?.[1] || !match[2]) {
    await child.stop('SIGKILL');
    throw new Error(`Unexpected start-up line: ${line}`);
  }
  const url = match[1];
  const token = match[2];
  const clients: Client[] = [];
  return {
    process: child,
    url,
    token,
    async connect(options = {}) {
      const client = newClient(options);
      const transport = new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      });
      await client.connect(transport);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients.splice(0)) await client.close();
      return child.stop();
    },
  };
}

/** The structured result of a tool call, failing the test with the text when the call was an error. */
export function structured<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`Tool error: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

export function errorText(result: CallToolResult): string {
  if (!result.isError)
    throw new Error(`Expected a tool error, got ${JSON.stringify(result.structuredContent)}`);
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

export const SKEIN_MCP_TOOLS = [
  'conflicts_get',
  'skills_list',
  'thread_approve',
  'thread_diff',
  'thread_interrupt',
  'thread_list',
  'thread_reply',
  'thread_start',
  'thread_status',
];
