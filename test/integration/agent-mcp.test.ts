import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { MCP_TEST_TOOL, mcpTestServerConfig, ticketAnswer } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let callsFile: string;

/** The name the model sees for the test server's tool, and the name approvals use. */
const FUNCTION = `mcp__tickets__${MCP_TEST_TOOL}`;
const KEY = `mcp:tickets:${MCP_TEST_TOOL}`;

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
  callsFile = join(dirs.make('skein-mcp-calls-'), 'calls.txt');
  await test.client.api.agent.setSettings({
    scope: 'user',
    settings: { mcpServers: [mcpTestServerConfig('tickets', callsFile)] },
  });
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

const lookup = (id: string, callId: string) => ({
  toolCalls: [{ id: callId, name: FUNCTION, arguments: { id } }],
});
const calls = (): string[] =>
  existsSync(callsFile) ? readFileSync(callsFile, 'utf8').split('\n').filter(Boolean) : [];
const toolResult = (request: RecordedRequest | undefined): string =>
  (request?.messages ?? []).filter((message) => message.role === 'tool').at(-1)?.text ?? '';

describe('MCP servers in the agent', () => {
  it('on-request: the MCP tool asks first, runs once approved, and "always allow" stops the asking', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([lookup('SK-42', 'call_one'), { text: 'It times out.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'What is SK-42?', provider: 'openai' });

    const approval = await test.approvalRequested(thread.id);
    expect(approval).toMatchObject({
      kind: 'tool',
      tool: KEY,
      suggestedPrefix: [KEY],
      arguments: '{"id":"SK-42"}',
      status: 'pending',
    });
    expect(approval.policyReason).toContain('MCP server');
    expect(server.requests[0]?.tools.map((tool) => tool.name)).toContain(FUNCTION);
    expect(calls()).toEqual([]);

    await test.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(calls()).toEqual(['SK-42']);
    expect(toolResult(server.requests[1])).toContain(ticketAnswer('SK-42'));
    const item = (await test.transcript(thread.id)).items.find((entry) => entry.kind === 'tool_call');
    expect(item).toMatchObject({ tool: FUNCTION, status: 'completed', arguments: '{"id":"SK-42"}' });
    expect(item?.kind === 'tool_call' ? item.output : '').toContain(ticketAnswer('SK-42'));

    // "Always allow" stores a rule for this tool; the next call runs without a question.
    server.script([
      lookup('SK-7', 'call_two'),
      { text: 'Asked once.' },
      lookup('SK-8', 'call_three'),
      { text: 'Done.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'And SK-7?', provider: 'openai' });
    const second = await test.approvalRequested(thread.id, 2);
    await test.client.api.approval.respond({ approvalId: second.id, decision: 'always_allow_prefix' });
    await test.turnCompleted(thread.id, 2);
    const { rules } = await test.client.api.approval.rules({});
    expect(rules.map((rule) => [rule.kind, rule.prefix, rule.threadId])).toEqual([['tool', [KEY], null]]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'And SK-8?', provider: 'openai' });
    expect((await test.turnCompleted(thread.id, 3)).status).toBe('completed');
    expect(test.of('approval/requested')).toHaveLength(2);
    expect(calls()).toEqual(['SK-42', 'SK-7', 'SK-8']);
  });

  it('never: the MCP tool runs unasked; a declined call does not run', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.agent.setSettings({
      scope: 'project',
      threadId: thread.id,
      settings: { approvalPolicy: 'never' },
    });
    server.script([lookup('SK-1', 'call_a'), { text: 'Found it.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'SK-1?', provider: 'anthropic' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(test.of('approval/requested')).toEqual([]);
    expect(toolResult(server.requests[1])).toContain(ticketAnswer('SK-1'));

    await test.client.api.agent.setSettings({
      scope: 'project',
      threadId: thread.id,
      settings: { approvalPolicy: 'untrusted' },
    });
    server.script([lookup('SK-2', 'call_b'), { text: 'Understood.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'SK-2?', provider: 'anthropic' });
    const approval = await test.approvalRequested(thread.id);
    await test.client.api.approval.respond({
      approvalId: approval.id,
      decision: 'decline',
      message: 'Not now',
    });
    expect((await test.turnCompleted(thread.id, 2)).status).toBe('completed');
    expect(calls()).toEqual(['SK-1']);
    expect(toolResult(server.requests.at(-1))).toContain('They said: Not now');
  });

  it('says so when a configured server cannot start, and the turn goes on without it', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.agent.setSettings({
      scope: 'project',
      threadId: thread.id,
      settings: {
        mcpServers: [{ name: 'broken', transport: 'stdio', command: join(callsFile, 'no-such-server') }],
      },
    });
    server.script([{ text: 'Working without it.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Hi', provider: 'openai' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const errors = (await test.transcript(thread.id)).items.filter((item) => item.kind === 'error');
    expect(errors.map((item) => (item.kind === 'error' ? item.message : ''))).toEqual([
      expect.stringContaining('The MCP server "broken" is not available in this turn'),
    ]);
    // The user's own server is still there (the project's list merges over the user's).
    expect(server.requests[0]?.tools.map((tool) => tool.name)).toContain(FUNCTION);
    const view = await test.client.api.agent.getSettings({ threadId: thread.id });
    expect(view.effective.mcpServers.map((entry) => entry.name)).toEqual(['tickets', 'broken']);
    await rpcFailure(
      test.client.api.agent.setSettings({
        scope: 'thread',
        threadId: thread.id,
        settings: { mcpServers: [] },
      }),
    );
  });
});
