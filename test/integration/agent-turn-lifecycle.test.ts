import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_PREFIX } from '../../src-main/core/agents';
import { AgentTestHost, PROVIDERS, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import {
  startModelServer,
  type ModelServer,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/model-server';

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

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i} `);
const userTexts = (request: RecordedRequest | undefined) =>
  (request?.messages ?? []).filter((message) => message.role === 'user').map((message) => message.text);

describe.each(PROVIDERS)('turn lifecycle over %s', (provider) => {
  it('interrupts a running command, and the next turn sees why the call has no result', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { toolCalls: [{ id: 'call_sleep', name: 'shell', arguments: { command: 'echo started; sleep 30' } }] },
      { text: 'Fresh start.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Wait a while', provider });
    await test.waitFor(
      () =>
        test.of('item/delta').find((delta) => delta.stream === 'output' && delta.delta.includes('started')),
      'the command to print',
    );
    const before = performance.now();
    await test.client.api.turn.interrupt({ threadId: thread.id });
    expect(performance.now() - before).toBeLessThan(5_000);
    const turn = await test.turnCompleted(thread.id);
    expect(turn.status).toBe('interrupted');
    const command = (await test.transcript(thread.id)).items.find((item) => item.kind === 'command');
    expect(command).toMatchObject({ status: 'interrupted' });
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('done');

    await test.client.api.turn.start({ threadId: thread.id, message: 'Never mind', provider });
    expect((await test.turnCompleted(thread.id, 2)).status).toBe('completed');
    expect(server.requests).toHaveLength(2);
    const results = (server.requests[1]?.messages ?? []).filter((message) => message.role === 'tool');
    expect(results).toHaveLength(1);
    expect(results[0]?.toolCallId).toBe('call_sleep');
  });

  it('stops a running turn before archiving its thread', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { toolCalls: [{ id: 'call_sleep', name: 'shell', arguments: { command: 'echo started; sleep 30' } }] },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Wait a while', provider });
    await test.waitFor(
      () =>
        test.of('item/delta').find((delta) => delta.stream === 'output' && delta.delta.includes('started')),
      'the command to print',
    );
    const archived = await test.client.api.thread.archive({ threadId: thread.id });
    expect(archived.status).toBe('archived');
    expect((await test.turnCompleted(thread.id)).status).toBe('interrupted');
    // The model was never asked again: the turn ended with the archive, not with a failing tool.
    expect(server.requests).toHaveLength(1);
  });

  it('interrupts a streaming answer and keeps what arrived', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([{ text: words(40), chunkDelayMs: 50 }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Talk', provider });
    await test.waitFor(
      () => test.of('item/delta').find((delta) => delta.stream === 'text'),
      'the first words',
    );
    await test.client.api.turn.interrupt({ threadId: thread.id });
    expect((await test.turnCompleted(thread.id)).status).toBe('interrupted');
    const message = (await test.transcript(thread.id)).items.find((item) => item.kind === 'agent_message');
    expect(message?.status).toBe('interrupted');
    expect(message?.kind === 'agent_message' && message.text).toMatch(/^word0 /);
  });

  it('steers a running turn: the message reaches the model at its next step', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      {
        text: words(10),
        chunkDelayMs: 30,
        toolCalls: [{ id: 'call_ls', name: 'list_files', arguments: {} }],
      },
      { text: 'Checked the license too.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Look around', provider });
    await test.waitFor(
      () => test.of('item/delta').find((delta) => delta.stream === 'text'),
      'the first words',
    );
    const { turnId } = await test.client.api.turn.steer({
      threadId: thread.id,
      message: 'Also check the license',
    });
    const turn = await test.turnCompleted(thread.id);
    expect(turn).toMatchObject({ id: turnId, status: 'completed' });
    expect(server.requests).toHaveLength(2);
    expect(userTexts(server.requests[1])).toEqual(['Look around', 'Also check the license']);
    const steer = (await test.transcript(thread.id)).items.find(
      (item) => item.kind === 'user_message' && item.steer,
    );
    expect(steer).toMatchObject({ text: 'Also check the license', turnId });
  });

  it('steers a final answer: the turn goes on with the message', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([{ text: words(10), chunkDelayMs: 30 }, { text: 'Answer with the steer.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Explain', provider });
    await test.waitFor(
      () => test.of('item/delta').find((delta) => delta.stream === 'text'),
      'the first words',
    );
    await test.client.api.turn.steer({ threadId: thread.id, message: 'Shorter, please' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(test.of('turn/completed')).toHaveLength(1);
    expect(userTexts(server.requests[1])).toEqual(['Explain', 'Shorter, please']);
    const messages = (await test.transcript(thread.id)).items.filter((item) => item.kind === 'agent_message');
    expect(messages.map((item) => item.kind === 'agent_message' && item.text)).toEqual([
      words(10).join(''),
      'Answer with the steer.',
    ]);
  });

  it('compacts the conversation as it nears the context window, and says so', async () => {
    const big = `${'x'.repeat(79)}\n`.repeat(100);
    const { thread } = await createAgentThread(test, dirs, { 'big.txt': big, 'README.md': '# demo\n' });
    await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { contextWindow: 1_000 },
    });
    let calls = 0;
    server.script((request): ScriptedReply => {
      if (request.messages[0]?.text.includes('You compact')) return { text: 'SUMMARY: read big.txt, all x.' };
      calls += 1;
      if (calls === 1)
        return { toolCalls: [{ id: 'call_big', name: 'read_file', arguments: { path: 'big.txt' } }] };
      if (calls === 2) return { toolCalls: [{ id: 'call_list', name: 'list_files', arguments: {} }] };
      return { text: `Done (${calls}).` };
    });
    await test.client.api.turn.start({ threadId: thread.id, message: 'Read the big file', provider });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');

    const summaryIndex = server.requests.findIndex((request) =>
      request.messages[0]?.text.includes('You compact'),
    );
    expect(summaryIndex).toBe(2);
    expect(server.requests[summaryIndex]?.messages.at(-1)?.text).toContain('x'.repeat(79));
    const after = server.requests[summaryIndex + 1];
    expect(JSON.stringify(after?.messages)).not.toContain('x'.repeat(79));
    expect(userTexts(after)[0]).toBe(`${SUMMARY_PREFIX}\nSUMMARY: read big.txt, all x.`);
    const compaction = (await test.transcript(thread.id)).items.find((item) => item.kind === 'compaction');
    expect(compaction).toMatchObject({
      status: 'completed',
      summary: 'SUMMARY: read big.txt, all x.',
      replacedItems: 3,
    });

    await test.client.api.turn.start({ threadId: thread.id, message: 'And now?', provider });
    await test.turnCompleted(thread.id, 2);
    expect(userTexts(server.requests.at(-1))).toEqual([
      `${SUMMARY_PREFIX}\nSUMMARY: read big.txt, all x.`,
      'And now?',
    ]);
  });

  it('marks a turn cut off by a crash as interrupted, and continues it', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { toolCalls: [{ id: 'call_readme', name: 'read_file', arguments: { path: 'README.md' } }] },
      { text: words(50), chunkDelayMs: 100 },
      { text: 'Finished after the restart.' },
    ]);
    const { turn } = await test.client.api.turn.start({
      threadId: thread.id,
      message: 'Read the readme',
      provider,
    });
    await test.waitFor(() => (server.requests.length === 2 ? true : undefined), 'the second model call');
    await test.waitFor(
      () => test.of('item/delta').find((delta) => delta.stream === 'text'),
      'the answer to stream',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    await test.close();
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
    const restarted = await test.client.api.thread.get({ threadId: thread.id });
    expect(restarted.status).toBe('error');
    expect(restarted.statusDetail).toContain('continue');
    const before = await test.transcript(thread.id);
    expect(before.turns).toMatchObject([{ id: turn.id, status: 'interrupted' }]);
    expect(before.items.find((item) => item.kind === 'agent_message')?.status).toBe('interrupted');

    const { turn: next } = await test.client.api.turn.continue({ threadId: thread.id });
    expect(next.continuesTurnId).toBe(turn.id);
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    // The crash was the cut-off turn's real end: recovery snapshots the worktree as it left it.
    await test.host.services.agents.idle();
    const [cutOff] = (await test.transcript(thread.id)).turns;
    expect(cutOff?.snapshotBefore).toMatch(/^[0-9a-f]{40}$/);
    expect(cutOff?.snapshotAfter).toMatch(/^[0-9a-f]{40}$/);
    const request = server.requests.at(-1);
    expect(userTexts(request)).toEqual([
      'Read the readme',
      'Continue the task from where you stopped. The previous turn was cut off.',
    ]);
    expect(request?.messages.find((message) => message.role === 'tool')?.text).toContain('# demo');
  });
  it('fails a turn on a provider error, records why, and the thread can go on', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { error: { status: 500, message: 'The scripted provider is down' } },
      { text: 'Back up.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Try', provider });
    const failed = await test.turnCompleted(thread.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('500');
    const after = await test.client.api.thread.get({ threadId: thread.id });
    expect(after.status).toBe('error');
    const error = (await test.transcript(thread.id)).items.find((item) => item.kind === 'error');
    expect(error?.kind === 'error' && error.message).toContain('The scripted provider is down');

    await test.client.api.turn.start({ threadId: thread.id, message: 'Again', provider });
    expect((await test.turnCompleted(thread.id, 2)).status).toBe('completed');
    // Anthropic gets the two user turns merged into one message (its roles must alternate).
    expect(userTexts(server.requests.at(-1)).join('\n')).toBe('Try\nAgain');
  });
});
