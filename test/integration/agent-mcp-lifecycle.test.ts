import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item, McpServerConfig } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import {
  MCP_HTTP_AUTH_HEADER,
  startMcpHttpTestServer,
  type McpHttpTestServer,
} from '../support/mcp-http-test-server';
import {
  MCP_CRASH_TOOL,
  MCP_TEST_TOOL,
  mcpTestProcesses,
  mcpTestServerConfig,
  processAlive,
  ticketAnswer,
} from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer, type ScriptedReply } from '../support/model-server';

const dirs = new TempDirs();
let model: ModelServer;
let test: AgentTestHost | null;
let http: McpHttpTestServer | null = null;
let marker: string;
let tickets: McpServerConfig;
/** Servers no turn holds stop this soon (the app's default is minutes). */
const IDLE_MS = 300;

beforeEach(async () => {
  model = await startModelServer();
  marker = randomUUID();
  tickets = mcpTestServerConfig('tickets', join(dirs.make('skein-mcp-calls-'), 'calls.txt'), { marker });
  test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(model, dirs), {
    mcpIdleStopMs: IDLE_MS,
  });
});
afterEach(async () => {
  await test?.close();
  expect(mcpTestProcesses(marker)).toEqual([]);
  await model.close();
  await http?.close();
  http = null;
  dirs.cleanup();
});

const host = (): AgentTestHost => test as AgentTestHost;
const call = (tool: string, args: Record<string, unknown>, id: string, slow = false): ScriptedReply => ({
  toolCalls: [{ id, name: `mcp__tickets__${tool}`, arguments: args }],
  ...(slow ? { chunkDelayMs: 150 } : {}),
});
const useServers = async (servers: McpServerConfig[]): Promise<void> => {
  await host().client.api.agent.setSettings({
    scope: 'user',
    settings: { mcpServers: servers, approvalPolicy: 'never' },
  });
};
/**
 * A configuration as the settings row holds it: its env and header values are references to sealed
 * secrets, and the manager knows servers by that form.
 */
const stored = (config: McpServerConfig): McpServerConfig =>
  host()
    .host.services.agents.settings.layers({})
    .user?.mcpServers?.find((s) => s.name === config.name) ?? config;
const toolItems = (items: Item[]) => items.flatMap((item) => (item.kind === 'tool_call' ? [item] : []));
const errorMessages = (items: Item[]) =>
  items.flatMap((item) => (item.kind === 'error' ? [item.message] : []));

async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('configured MCP servers in turns', () => {
  it('a Streamable HTTP server: its tools reach the model, a call is approved and lands in the transcript', async () => {
    http = await startMcpHttpTestServer('secret-token');
    const remote: McpServerConfig = {
      name: 'remote',
      transport: 'http',
      url: http.url,
      headers: { [MCP_HTTP_AUTH_HEADER]: 'secret-token' },
    };
    await host().client.api.agent.setSettings({ scope: 'user', settings: { mcpServers: [remote] } });
    const manager = host().host.services.mcpManager;
    const holders: string[][] = [];
    manager.onChange(() => holders.push(manager.state(stored(remote)).usedBy));
    const { thread } = await createAgentThread(host(), dirs);
    const name = `mcp__remote__${MCP_TEST_TOOL}`;
    model.script([{ toolCalls: [{ id: 'call_h', name, arguments: { id: 'SK-9' } }] }, { text: 'Found.' }]);
    await host().client.api.turn.start({ threadId: thread.id, message: 'SK-9?', provider: 'openai' });

    const approval = await host().approvalRequested(thread.id);
    expect(approval).toMatchObject({
      kind: 'tool',
      tool: `mcp:remote:${MCP_TEST_TOOL}`,
      arguments: '{"id":"SK-9"}',
    });
    expect(model.requests[0]?.tools.map((tool) => tool.name)).toContain(name);
    expect(http.calls).toEqual([]);
    // A turn waiting for the user holds no server; it acquires it again when it resumes.
    await until(
      () => manager.state(stored(remote)).usedBy.length === 0,
      'the paused turn to release the server',
    );
    await host().client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
    expect((await host().turnCompleted(thread.id)).status).toBe('completed');

    expect(http.calls).toEqual(['SK-9']);
    const acquisitions = holders.filter((usedBy, at) => usedBy.length > 0 && !holders[at - 1]?.length);
    expect(acquisitions).toEqual([[thread.id], [thread.id]]);
    expect(manager.state(stored(remote)).usedBy).toEqual([]);
    const [item] = toolItems((await host().transcript(thread.id)).items);
    expect(item).toMatchObject({ tool: name, status: 'completed', arguments: '{"id":"SK-9"}' });
    expect(item?.output).toContain(ticketAnswer('SK-9'));
    expect(http.requests.length).toBeGreaterThan(0);
    expect(http.requests.every((headers) => headers[MCP_HTTP_AUTH_HEADER] === 'secret-token')).toBe(true);
  });

  it('starts a stdio server for the turns that need it, shares it between threads, and stops it when idle', async () => {
    await useServers([tickets]);
    const manager = host().host.services.mcpManager;
    const pids = new Set<number>();
    let mostHolders = 0;
    manager.onChange(() => {
      const state = manager.state(stored(tickets));
      if (state.pid !== null) pids.add(state.pid);
      mostHolders = Math.max(mostHolders, state.usedBy.length);
    });
    const a = await createAgentThread(host(), dirs);
    const b = await createAgentThread(host(), dirs);
    expect(mcpTestProcesses(marker)).toEqual([]);

    // Both threads' first replies call the tool slowly, so both turns hold the server at once.
    model.script([
      call(MCP_TEST_TOOL, { id: 'SK-1' }, 'call_1', true),
      call(MCP_TEST_TOOL, { id: 'SK-1' }, 'call_1', true),
      { text: 'Done.' },
      { text: 'Done.' },
    ]);
    await host().client.api.turn.start({ threadId: a.thread.id, message: 'SK-1?', provider: 'openai' });
    await host().client.api.turn.start({ threadId: b.thread.id, message: 'SK-1?', provider: 'openai' });
    await until(() => mcpTestProcesses(marker).length === 1, 'the server to run');
    const [pid] = mcpTestProcesses(marker);
    expect((await host().turnCompleted(a.thread.id)).status).toBe('completed');
    expect((await host().turnCompleted(b.thread.id)).status).toBe('completed');
    for (const thread of [a.thread, b.thread]) {
      expect(toolItems((await host().transcript(thread.id)).items)[0]?.output).toContain(
        ticketAnswer('SK-1'),
      );
    }
    expect(mostHolders).toBe(2);
    expect([...pids]).toEqual([pid]);

    await until(() => !processAlive(pid ?? -1), 'the idle server to exit');
    expect(manager.state(stored(tickets))).toMatchObject({ status: 'stopped', pid: null, usedBy: [] });

    // The next turn starts it again.
    model.script([call(MCP_TEST_TOOL, { id: 'SK-2' }, 'call_2'), { text: 'Again.' }]);
    await host().client.api.turn.start({ threadId: a.thread.id, message: 'SK-2?', provider: 'openai' });
    expect((await host().turnCompleted(a.thread.id, 2)).status).toBe('completed');
    expect(pids.size).toBe(2);
  });

  it('a crash during a turn is told in the transcript, the call fails for the model, and the server comes back', async () => {
    await useServers([tickets]);
    const manager = host().host.services.mcpManager;
    const pids = new Set<number>();
    manager.onChange(() => {
      const pid = manager.state(stored(tickets)).pid;
      if (pid !== null) pids.add(pid);
    });
    const { thread } = await createAgentThread(host(), dirs);
    model.script([
      call(MCP_CRASH_TOOL, { code: 3 }, 'call_crash'),
      call(MCP_TEST_TOOL, { id: 'SK-5' }, 'call_after'),
      { text: 'Recovered.' },
    ]);
    await host().client.api.turn.start({ threadId: thread.id, message: 'Crash it', provider: 'openai' });
    expect((await host().turnCompleted(thread.id)).status).toBe('completed');

    const { items } = await host().transcript(thread.id);
    const errors = errorMessages(items);
    expect(errors[0]).toContain('The MCP server "tickets" stopped unexpectedly');
    expect(errors[0]).toContain('exited with code 3');
    expect(errors[0]).toContain('crashing on purpose with code 3');
    expect(errors).toContain('The MCP server "tickets" is running again.');
    const [crashed, after] = toolItems(items);
    expect(crashed?.output).toContain('The MCP server "tickets" stopped while this tool ran');
    expect(model.requests[1]?.messages.find((m) => m.role === 'tool')?.text).toContain('exited with code 3');
    expect(after).toMatchObject({ status: 'completed', arguments: '{"id":"SK-5"}' });
    expect(after?.output).toContain(ticketAnswer('SK-5'));
    expect(pids.size).toBe(2);
  });

  it('leaves no MCP server process behind when the host stops mid-turn', async () => {
    await useServers([tickets]);
    const { thread } = await createAgentThread(host(), dirs);
    model.script([
      call(MCP_TEST_TOOL, { id: 'SK-7' }, 'call_7'),
      { text: ['Still ', 'talking ', 'slowly.'], chunkDelayMs: 2_000 },
    ]);
    await host().client.api.turn.start({ threadId: thread.id, message: 'SK-7?', provider: 'openai' });
    await host().waitFor(
      () =>
        host()
          .of('item/completed')
          .find((entry) => entry.item.kind === 'tool_call'),
      'the tool call to finish',
    );
    expect(mcpTestProcesses(marker)).toHaveLength(1);
    await host().close();
    test = null;
    expect(mcpTestProcesses(marker)).toEqual([]);
  });
});
