import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MCPServer } from '@openai/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMcpManager } from '../../src-main/core/agents/mcp/mcp-manager';
import type { McpManager } from '../../src-main/core/agents/mcp/types';
import type { McpServerConfig } from '../../src-shared/contract';
import { TempDirs } from '../support/git-repo';
import {
  MCP_HTTP_AUTH_HEADER,
  startMcpHttpTestServer,
  type McpHttpTestServer,
} from '../support/mcp-http-test-server';
import {
  MCP_CRASH_TOOL,
  MCP_ENV_TOOL,
  MCP_TEST_TOOL,
  mcpTestProcesses,
  mcpTestServerConfig,
  processAlive,
  ticketAnswer,
} from '../support/mcp-test-fixtures';

const dirs = new TempDirs();
let manager: McpManager;
let marker: string;
let callsFile: string;
let reports: { threadId: string; message: string }[];
let http: McpHttpTestServer | null = null;
/** Short enough for a test, long enough that a released server is seen still running first. */
const IDLE_MS = 300;

beforeEach(() => {
  marker = randomUUID();
  callsFile = join(dirs.make('skein-mcp-manager-'), 'calls.txt');
  manager = createMcpManager({ idleStopMs: IDLE_MS, restartBackoffMs: [100, 200, 300] });
  reports = [];
  manager.addReporter((threadId, message) => reports.push({ threadId, message }));
});
afterEach(async () => {
  await manager.dispose();
  expect(mcpTestProcesses(marker)).toEqual([]);
  await http?.close();
  http = null;
  dirs.cleanup();
});

const stdio = (env: Record<string, string> = {}): McpServerConfig =>
  mcpTestServerConfig('tickets', callsFile, { marker, env });

async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const textOf = (content: Awaited<ReturnType<MCPServer['callTool']>>): string =>
  content.map((part) => (part.type === 'text' ? part.text : '')).join('');

describe('McpManager.test', () => {
  it('lists the tools of a good stdio server with its name and version', async () => {
    const result = await manager.test(stdio());
    expect(result).toMatchObject({ ok: true, serverInfo: { name: 'skein-test-tickets', version: '1.0.0' } });
    const tools = result.ok ? result.tools : [];
    expect(tools.map((tool) => tool.name)).toEqual([MCP_TEST_TOOL, MCP_CRASH_TOOL, MCP_ENV_TOOL]);
    expect(tools[0]).toMatchObject({
      description: 'Looks up a ticket in the tracker by its id.',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
    });
    expect(mcpTestProcesses(marker)).toEqual([]);
  });

  it('reaches a Streamable HTTP server with the configured headers, and says why it cannot without them', async () => {
    http = await startMcpHttpTestServer('let-me-in');
    const config: McpServerConfig = {
      name: 'remote',
      transport: 'http',
      url: http.url,
      headers: { [MCP_HTTP_AUTH_HEADER]: 'let-me-in' },
    };
    const result = await manager.test(config);
    expect(result).toMatchObject({ ok: true, serverInfo: { name: 'skein-http-tickets', version: '2.0.0' } });
    expect(result.ok ? result.tools.map((tool) => tool.name) : []).toEqual([MCP_TEST_TOOL]);
    expect(http.requests.every((headers) => headers[MCP_HTTP_AUTH_HEADER] === 'let-me-in')).toBe(true);

    const refused = await manager.test({ ...config, headers: { [MCP_HTTP_AUTH_HEADER]: 'wrong' } });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message).toContain('401');
  });

  it('names a command that does not exist', async () => {
    const missing = join(callsFile, 'no-such-server');
    const result = await manager.test({ name: 'ghost', transport: 'stdio', command: missing });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining(`"${missing}" was not found`) as string,
    });
  });

  it('gives the exit code and the stderr of a server that exits at once', async () => {
    const result = await manager.test(stdio({ MCP_TEST_EXIT_AT_START: 'no licence' }));
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toContain('exited with code 7');
    expect(message).toContain('mcp-test-server: refusing to start (no licence)');
  });
});

describe('McpManager lifecycle', () => {
  it('shares one process between threads and stops it once no thread has held it for the idle delay', async () => {
    const config = stdio();
    const first = await manager.acquire('thread-a', [config]);
    const second = await manager.acquire('thread-b', [config]);
    expect(first.failures).toEqual([]);
    expect(second.servers[0]?.server).toBe(first.servers[0]?.server);
    const state = manager.state(config);
    expect(state).toMatchObject({ status: 'running', usedBy: ['thread-a', 'thread-b'], lastError: null });
    expect(state.tools?.map((tool) => tool.name)).toEqual([MCP_TEST_TOOL, MCP_CRASH_TOOL, MCP_ENV_TOOL]);
    expect(mcpTestProcesses(marker)).toEqual([state.pid]);

    const server = first.servers[0]?.server as MCPServer;
    expect(textOf(await server.callTool(MCP_TEST_TOOL, { id: 'SK-1' }))).toBe(ticketAnswer('SK-1'));

    manager.release('thread-a');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
    expect(processAlive(state.pid ?? -1)).toBe(true);
    manager.release('thread-b');
    expect(manager.state(config)).toMatchObject({ status: 'running', usedBy: [] });
    await until(() => manager.state(config).status === 'stopped', 'the idle server to stop');
    await until(() => !processAlive(state.pid ?? -1), 'the process to exit');
    expect(manager.state(config).pid).toBeNull();

    // Acquired again before the delay runs out: the same process goes on.
    await manager.acquire('thread-c', [config]);
    const again = manager.state(config).pid;
    manager.release('thread-c');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 3));
    await manager.acquire('thread-c', [config]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
    expect(manager.state(config)).toMatchObject({ status: 'running', pid: again });
  });

  it("gives a stdio server the SDK's minimal environment and the configuration's, never the host's keys", async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-must-not-leak';
    try {
      const { servers } = await manager.acquire('thread-a', [stdio({ TICKETS_TOKEN: 't' })]);
      const names = textOf(await (servers[0]?.server as MCPServer).callTool(MCP_ENV_TOOL, {})).split('\n');
      expect(names).toEqual(expect.arrayContaining(['PATH', 'MCP_TEST_CALLS', 'TICKETS_TOKEN']));
      expect(names).not.toContain('OPENAI_API_KEY');
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it('reports a crash to the threads holding the server, fails the call in flight, and restarts it', async () => {
    const config = stdio();
    const changes: string[] = [];
    manager.onChange((name) => changes.push(`${name}:${manager.state(config).status}`));
    const { servers } = await manager.acquire('thread-a', [config]);
    const server = servers[0]?.server as MCPServer;
    const pid = manager.state(config).pid;

    await expect(server.callTool(MCP_CRASH_TOOL, { code: 3 })).rejects.toThrow(
      /The MCP server "tickets" stopped while this tool ran.*exited with code 3/s,
    );
    expect(reports[0]).toEqual({
      threadId: 'thread-a',
      message: expect.stringContaining('The MCP server "tickets" stopped unexpectedly') as string,
    });
    expect(reports[0]?.message).toContain('crashing on purpose with code 3');
    expect(manager.state(config).lastError).toContain('exited with code 3');

    // A call made while it restarts waits for it.
    expect(textOf(await server.callTool(MCP_TEST_TOOL, { id: 'SK-2' }))).toBe(ticketAnswer('SK-2'));
    const state = manager.state(config);
    expect(state.status).toBe('running');
    expect(state.pid).not.toBe(pid);
    expect(processAlive(pid ?? -1)).toBe(false);
    expect(reports.at(-1)?.message).toBe('The MCP server "tickets" is running again.');
    expect(changes).toEqual(
      expect.arrayContaining(['tickets:crashed', 'tickets:starting', 'tickets:running']),
    );
  });

  it('gives up on a server that crashes more than three times within a minute', async () => {
    const flag = join(dirs.make('skein-mcp-flag-'), 'crash-on-start');
    const config = stdio({ MCP_TEST_CRASH_ON_START_FILE: flag });
    const { servers } = await manager.acquire('thread-a', [config]);
    const server = servers[0]?.server as MCPServer;
    writeFileSync(flag, 'crash\n');
    await expect(server.callTool(MCP_CRASH_TOOL, { code: 4 })).rejects.toThrow('exited with code 4');
    await until(() => manager.state(config).status === 'failed', 'the server to be given up');
    expect(manager.state(config).lastError).toMatch(/crashed 4 times within a minute.*exited with code 9/s);
    expect(reports.at(-1)?.message).toContain('Skein stopped restarting it');
    await expect(server.callTool(MCP_TEST_TOOL, { id: 'SK-3' })).rejects.toThrow('crashed 4 times');
    expect(mcpTestProcesses(marker)).toEqual([]);

    // Fixed, and a new turn needs it: it starts again.
    manager.release('thread-a');
    rmSync(flag);
    const retried = await manager.acquire('thread-b', [config]);
    expect(retried.failures).toEqual([]);
    expect(manager.state(config).status).toBe('running');
  });

  it('restart stops the server now and starts it again for the threads holding it', async () => {
    const config = stdio();
    await manager.acquire('thread-a', [config]);
    const pid = manager.state(config).pid;
    await manager.restart(config);
    expect(processAlive(pid ?? -1)).toBe(false);
    expect(manager.state(config)).toMatchObject({ status: 'running', usedBy: ['thread-a'] });
    expect(manager.state(config).pid).not.toBe(pid);
  });

  it('a server that cannot start is a failure of the acquire, tried again at the next one', async () => {
    const config = stdio({ MCP_TEST_EXIT_AT_START: 'broken' });
    const result = await manager.acquire('thread-a', [config]);
    expect(result.servers).toEqual([]);
    expect(result.failures).toEqual([
      { name: 'tickets', message: expect.stringContaining('refusing to start (broken)') as string },
    ]);
    expect(manager.state(config)).toMatchObject({ status: 'failed', usedBy: [] });
  });

  it('dispose stops every server and waits until its process has exited', async () => {
    await manager.acquire('thread-a', [stdio()]);
    await manager.acquire('thread-b', [stdio({ EXTRA: '1' })]);
    expect(mcpTestProcesses(marker)).toHaveLength(2);
    await manager.dispose();
    expect(mcpTestProcesses(marker)).toEqual([]);
  });
});
