import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { recordBudgetReached } from '../support/budget-fixtures';
import {
  CODEX_BIN,
  createCodexSandbox,
  startTripwireProxy,
  type TripwireProxy,
} from '../support/codex-backend-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

let server: ModelServer;
let proxy: TripwireProxy;
const temp = new TempDirs();
const hosts: AgentTestHost[] = [];

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startTripwireProxy();
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  temp.cleanup();
});
afterAll(async () => {
  expect(proxy.attempts).toEqual([]);
  await proxy.close();
  await server.close();
});

describe('budgets of a Codex thread', () => {
  it('interrupts the backend turn once its usage reaches the budget, as a pause', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const test = await AgentTestHost.start(temp.make('skein-budget-codex-'), agentEnv(server, temp), {
      backends: { codex: { home: sandbox.codexHome, env: sandbox.env } },
    });
    hosts.push(test);
    await test.client.api.agent.setSettings({
      scope: 'user',
      settings: { backend: 'codex', codexPath: CODEX_BIN, approvalPolicy: 'never' },
    });
    const { thread } = await createAgentThread(test, temp, { 'a.txt': 'one\n' });
    const reached = recordBudgetReached(test);
    await test.client.api.budget.set({
      scope: 'thread',
      threadId: thread.id,
      maxTokens: 1_000,
      maxUsd: null,
    });
    // Codex reports a response's usage once its command ran; the next answer streams slowly, so the
    // stop lands while it is still being asked for.
    server.script([
      {
        toolCalls: [{ id: 'call_ls', name: 'exec_command', arguments: { cmd: 'ls' } }],
        usage: { input: 1_500, output: 20 },
      },
      { text: ['Never ', 'finished.'], chunkDelayMs: 2_000 },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'List the files' });
    const paused = await test.turnCompleted(thread.id);
    const message =
      'Paused: this thread reached its budget of 1,000 tokens (1,520 spent). Raise the budget, then continue.';
    expect(paused).toMatchObject({ status: 'interrupted', error: message });
    expect(reached.map((entry) => entry.message)).toEqual([message]);
    expect(await test.client.api.thread.get({ threadId: thread.id })).toMatchObject({
      status: 'done',
      statusDetail: message,
    });
    await expect(test.client.api.turn.continue({ threadId: thread.id })).rejects.toMatchObject({
      kind: 'BUDGET_REACHED',
    });
  });
});
