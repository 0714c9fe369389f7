import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { answerReply, readingReply, recordBudgetReached, startReadyThread } from '../support/budget-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(dirs.make('skein-budget-data-'), agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

describe('budgets', () => {
  it('pauses a thread at its budget, refuses to continue, and continues once raised', async () => {
    const { thread } = await createAgentThread(test, dirs);
    const reached = recordBudgetReached(test);
    await test.client.api.budget.set({ scope: 'thread', threadId: thread.id, maxTokens: 500, maxUsd: null });
    server.script([readingReply('call_one', 700), readingReply('call_two', 300), answerReply('Done.', 100)]);

    await test.client.api.turn.start({ threadId: thread.id, message: 'Read the readme twice' });
    const paused = await test.turnCompleted(thread.id);
    const message =
      'Paused: this thread reached its budget of 500 tokens (700 spent). Raise the budget, then continue.';
    expect(paused.status).toBe('interrupted');
    expect(paused.error).toBe(message);
    // The call that reached the budget was the last one the server saw.
    expect(server.requests).toHaveLength(1);
    expect(reached).toEqual([{ threadId: thread.id, message }]);
    const items = (await test.transcript(thread.id)).items;
    expect(
      items.filter((item) => item.kind === 'error').map((item) => item.kind === 'error' && item.message),
    ).toEqual([message]);
    const waiting = await test.client.api.thread.get({ threadId: thread.id });
    expect(waiting).toMatchObject({ status: 'done', statusDetail: message });
    const view = await test.client.api.budget.get({ threadId: thread.id });
    expect(view).toMatchObject({ reached: true, thread: { reached: true, spent: { tokens: 700 } } });

    await expect(test.client.api.turn.continue({ threadId: thread.id })).rejects.toMatchObject({
      kind: 'BUDGET_REACHED',
      message: 'This thread is over its budget of 500 tokens (700 spent). Raise the budget, then continue.',
    });
    await expect(test.client.api.turn.start({ threadId: thread.id, message: 'Go on' })).rejects.toMatchObject(
      {
        kind: 'BUDGET_REACHED',
      },
    );
    expect(server.requests).toHaveLength(1);

    const raised = await test.client.api.budget.set({
      scope: 'thread',
      threadId: thread.id,
      maxTokens: 5_000,
      maxUsd: null,
    });
    expect(raised.reached).toBe(false);
    const continued = await test.client.api.turn.continue({ threadId: thread.id });
    expect(continued.turn.continuesTurnId).toBe(paused.id);
    const done = await test.turnCompleted(thread.id, 2);
    expect(done.status).toBe('completed');
    expect(server.requests).toHaveLength(3);
    // The model picked up where it stopped: the first read's result is in what it was sent.
    const resumed = server.requests[1]?.messages ?? [];
    expect(resumed.some((entry) => entry.role === 'tool' && entry.toolCallId === 'call_one')).toBe(true);
    const after = await test.client.api.budget.get({ threadId: thread.id });
    expect(after.thread?.spent.tokens).toBe(1_100);
  });

  it("pauses at a project's budget summed over its threads", async () => {
    const { thread: first, projectId } = await createAgentThread(test, dirs);
    const second = await startReadyThread(test, projectId, 'Second');
    const reached = recordBudgetReached(test);
    await test.client.api.budget.set({ scope: 'project', projectId, maxTokens: 1_000, maxUsd: null });

    server.script([answerReply('First done.', 600)]);
    await test.client.api.turn.start({ threadId: first.id, message: 'Say done' });
    expect((await test.turnCompleted(first.id)).status).toBe('completed');
    expect((await test.client.api.budget.get({ projectId })).project).toMatchObject({
      spent: { tokens: 600 },
      reached: false,
    });

    server.script([readingReply('call_read', 500), answerReply('Second done.', 100)]);
    await test.client.api.turn.start({ threadId: second.id, message: 'Read the readme' });
    const paused = await test.turnCompleted(second.id);
    expect(paused.status).toBe('interrupted');
    expect(paused.error).toMatch(
      /^Paused: the project ".+" reached its budget of 1,000 tokens \(1,100 spent\)\. Raise the budget, then continue\.$/,
    );
    expect(server.requests).toHaveLength(2);
    expect(reached.map((entry) => entry.threadId)).toEqual([second.id]);

    // The project's budget stops every thread of it, not only the one that reached it.
    await expect(test.client.api.turn.start({ threadId: first.id, message: 'More' })).rejects.toMatchObject({
      kind: 'BUDGET_REACHED',
    });
    const firstView = await test.client.api.budget.get({ threadId: first.id });
    expect(firstView).toMatchObject({
      reached: true,
      thread: { reached: false },
      project: { reached: true },
    });

    await test.client.api.budget.set({ scope: 'project', projectId, maxTokens: 2_000, maxUsd: null });
    await test.client.api.turn.continue({ threadId: second.id });
    expect((await test.turnCompleted(second.id, 2)).status).toBe('completed');
    expect(server.requests).toHaveLength(3);
    expect((await test.client.api.budget.get({ projectId })).project.spent.tokens).toBe(1_200);
  });

  it('prices the calls with the model catalog against a dollar budget', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.budget.set({ scope: 'thread', threadId: thread.id, maxTokens: null, maxUsd: 1 });
    // gpt-5: $1.25 per million input tokens, $10 per million output tokens (model-catalog.ts).
    server.script([
      {
        toolCalls: [{ id: 'call_read', name: 'read_file', arguments: { path: 'README.md' } }],
        usage: { input: 800_000, output: 10_000 },
      },
      answerReply('Never sent.', 100),
    ]);
    await test.client.api.turn.start({
      threadId: thread.id,
      message: 'Read',
      provider: 'openai',
      model: 'gpt-5',
    });
    const paused = await test.turnCompleted(thread.id);
    expect(paused.error).toBe(
      'Paused: this thread reached its budget of $1.00 ($1.10 spent). Raise the budget, then continue.',
    );
    expect(server.requests).toHaveLength(1);
    expect((await test.client.api.budget.get({ threadId: thread.id })).thread?.spent.costUsd).toBeCloseTo(
      1.1,
      6,
    );
  });

  it('clears a budget with both limits null, and rejects a budget without its target', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.budget.set({ scope: 'thread', threadId: thread.id, maxTokens: 10, maxUsd: 2 });
    expect((await test.client.api.budget.get({ threadId: thread.id })).thread?.limit).toEqual({
      maxTokens: 10,
      maxUsd: 2,
    });
    await test.client.api.budget.set({ scope: 'thread', threadId: thread.id, maxTokens: null, maxUsd: null });
    expect((await test.client.api.budget.get({ threadId: thread.id })).thread?.limit).toEqual({
      maxTokens: null,
      maxUsd: null,
    });
    await expect(
      test.client.api.budget.set({ scope: 'project', threadId: thread.id, maxTokens: 1, maxUsd: null }),
    ).rejects.toMatchObject({ kind: 'INVALID_PARAMS' });
  });
});
