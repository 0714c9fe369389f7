import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { mcpTestServerConfig } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let dataDir: string;

beforeEach(async () => {
  server = await startModelServer();
  dataDir = dirs.make('skein-agent-data-');
  test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

const escalated = (id: string, command: string) => ({
  id,
  name: 'shell',
  arguments: { command, escalate: true },
});
const toolResults = (request: RecordedRequest | undefined): string[] =>
  (request?.messages ?? []).filter((message) => message.role === 'tool').map((message) => message.text);

describe('answers to approvals', () => {
  it('keeps what the user said with a decline across a host restart until the run resumes', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { toolCalls: [escalated('call_net', 'curl https://example.com'), escalated('call_rm', 'echo second')] },
      { text: 'Understood.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Go', provider: 'openai' });
    const first = await test.approvalRequested(thread.id);
    const second = await test.approvalRequested(thread.id, 2);
    await test.client.api.approval.respond({
      approvalId: first.id,
      decision: 'decline',
      message: 'No network on this machine',
    });
    // One question is still open, so the run waits; the host stops meanwhile.
    await test.threadStatus(thread.id, 'waiting_approval');
    expect(server.requests).toHaveLength(1);
    await test.close();
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));

    await test.client.api.approval.respond({ approvalId: second.id, decision: 'approve_once' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const results = toolResults(server.requests[1]);
    expect(results).toContainEqual(
      'The user declined this call; it did not run. They said: No network on this machine',
    );
    expect(results.some((text) => text.includes('Exit code: 0'))).toBe(true);
    // The words stay on the host: the approval on the wire has no trace of them.
    const listed = test.of('approval/resolved').map((entry) => JSON.stringify(entry.approval));
    expect(listed.join('\n')).not.toContain('No network');
  });

  it('does not lose a steer sent while the paused turn is being resumed', async () => {
    const { thread } = await createAgentThread(test, dirs);
    // An MCP server makes rebuilding the run after a restart take a while: it is started again.
    const calls = join(dirs.make('skein-mcp-calls-'), 'calls.txt');
    await test.client.api.agent.setSettings({
      scope: 'user',
      settings: { mcpServers: [mcpTestServerConfig('tickets', calls)] },
    });
    server.script([
      { toolCalls: [escalated('call_one', 'echo one')] },
      { text: 'First answer.' },
      { text: 'Steered.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Go', provider: 'openai' });
    const approval = await test.approvalRequested(thread.id);
    await test.threadStatus(thread.id, 'waiting_approval');
    await test.close();
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
    // The answer is recorded (and announced) before the run is rebuilt; the steer arrives during that.
    const responding = test.client.api.approval.respond({
      approvalId: approval.id,
      decision: 'approve_once',
    });
    await test.waitFor(
      () => test.of('approval/resolved').find((entry) => entry.approval.id === approval.id),
      'the answer to be recorded',
    );
    const steered = await test.client.api.turn.steer({ threadId: thread.id, message: 'Also say hello' });
    const answered = await responding;
    expect(answered.approval.status).toBe('approved');
    expect(steered.turnId).toBe(approval.turnId);
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const seenByModel = server.requests.slice(1).flatMap((request) => request.messages.map((m) => m.text));
    expect(seenByModel).toContain('Also say hello');
    const steers = (await test.transcript(thread.id)).items.filter(
      (item) => item.kind === 'user_message' && item.steer,
    );
    expect(steers).toHaveLength(1);
  });
});
