import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;

/** A priced model (gpt-4.1: $2 in, $0.50 cached, $8 out per million) so costs are known. */
const PRICED_MODEL = 'gpt-4.1';
const PROMPT = 'Write the secret marker file please';
const COMMAND = 'echo zebra-marker > marker.txt';
const ANSWER = 'The marker file is written, zebra done.';
/** How long the test's "user" waits before answering the approval. */
const USER_WAIT_MS = 300;

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(
    dirs.make('skein-traces-data-'),
    agentEnv(server, dirs, { SKEIN_MODEL: PRICED_MODEL }),
  );
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

async function runTurnWithApproval() {
  const made = await createAgentThread(test, dirs);
  server.script([
    {
      toolCalls: [{ id: 'call_marker', name: 'shell', arguments: { command: COMMAND, escalate: true } }],
      usage: { input: 1000, output: 200, cached: 400 },
      chunkDelayMs: 20,
    },
    {
      text: ['The marker file ', 'is written, zebra done.'],
      usage: { input: 1500, output: 100 },
      chunkDelayMs: 20,
    },
  ]);
  await test.client.api.turn.start({ threadId: made.thread.id, message: PROMPT, provider: 'openai' });
  const approval = await test.approvalRequested(made.thread.id);
  await new Promise((resolve) => setTimeout(resolve, USER_WAIT_MS));
  await test.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
  const turn = await test.turnCompleted(made.thread.id);
  expect(turn.status).toBe('completed');
  return { ...made, turn };
}

function only(spans: TraceSpan[], kind: TraceSpan['kind']): TraceSpan[] {
  return spans.filter((span) => span.kind === kind);
}

describe('a thread trace', () => {
  it('has the turn with its model calls, the tool call and the approval with the user wait', async () => {
    const { thread, turn } = await runTurnWithApproval();
    const trace = await test.client.api.trace.thread({ threadId: thread.id });
    expect(trace.turns).toHaveLength(1);
    const [entry] = trace.turns;
    expect(entry?.turn).toMatchObject({ id: turn.id, kind: 'turn', name: 'Turn 1', status: 'completed' });
    expect(entry?.turn.content).toEqual({ prompt: PROMPT, output: ANSWER });
    const spans = entry?.spans ?? [];
    const starts = spans.map((span) => span.startedAt);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const calls = only(spans, 'model_call');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({ provider: 'openai', model: PRICED_MODEL, parentId: turn.id, error: null });
      expect(call.startedAt).toBeGreaterThanOrEqual(turn.startedAt);
      expect(call.firstTokenAt).not.toBeNull();
      expect(call.firstTokenAt ?? 0).toBeGreaterThanOrEqual(call.startedAt);
      expect(call.endedAt ?? 0).toBeGreaterThanOrEqual(call.firstTokenAt ?? Infinity);
    }
    expect(calls[0]?.usage).toEqual({
      inputTokens: 1000,
      cachedTokens: 400,
      outputTokens: 200,
      reasoningTokens: 0,
    });
    // 600 uncached × $2 + 400 cached × $0.50 + 200 out × $8, per million.
    expect(calls[0]?.costUsd).toBeCloseTo(0.003, 9);
    expect(calls[1]?.usage?.inputTokens).toBe(1500);
    expect(calls[1]?.costUsd).toBeCloseTo(0.0038, 9);

    const [tool] = only(spans, 'tool_call');
    expect(tool).toMatchObject({ name: 'shell', status: 'completed', parentId: turn.id });
    expect(tool?.attributes['skein.command.exit_code']).toBe(0);
    expect(tool?.content?.command).toBe(COMMAND);

    const [approval] = only(spans, 'approval');
    expect(approval).toMatchObject({ name: 'Approval: shell', status: 'approved' });
    expect(approval?.attributes['skein.approval.decision']).toBe('approve_once');
    const wait = approval?.attributes['skein.approval.wait_ms'];
    expect(typeof wait).toBe('number');
    expect(wait as number).toBeGreaterThanOrEqual(USER_WAIT_MS - 5);
    // The second model call comes after the user answered.
    expect(calls[1]?.startedAt ?? 0).toBeGreaterThanOrEqual(approval?.endedAt ?? Infinity);

    expect(trace.totals).toMatchObject({
      inputTokens: 2500,
      cachedTokens: 400,
      outputTokens: 300,
      turns: 1,
      modelCalls: 2,
    });
    expect(trace.totals.costUsd).toBeCloseTo(0.0068, 9);
  });

  it('totals per day for a project and for all, and spans others record', async () => {
    const { thread, projectId, turn } = await runTurnWithApproval();
    const recorded = test.host.services.traces.record({
      threadId: thread.id,
      turnId: turn.id,
      kind: 'worker',
      name: 'Fix the tests',
      startedAt: turn.startedAt + 1,
      endedAt: turn.startedAt + 2,
      attributes: { 'skein.worker.thread_id': 'w1' },
    });
    expect(recorded).not.toBeNull();
    const trace = await test.client.api.trace.thread({ threadId: thread.id });
    const worker = trace.turns[0]?.spans.find((span) => span.kind === 'worker');
    expect(worker).toMatchObject({ name: 'Fix the tests', attributes: { 'skein.worker.thread_id': 'w1' } });

    const week = await test.client.api.trace.totals({ projectId, days: 7 });
    expect(week.days).toHaveLength(7);
    const today = week.days.at(-1);
    expect(today).toMatchObject({ turns: 1, modelCalls: 2, inputTokens: 2500, outputTokens: 300 });
    expect(week.days.slice(0, -1).every((day) => day.turns === 0)).toBe(true);
    expect(week.totals.turns).toBe(1);
    const all = await test.client.api.trace.totals({});
    expect(all.days).toHaveLength(30);
    expect(all.totals.costUsd).toBeCloseTo(0.0068, 9);
    const other = await test.client.api.trace.totals({ projectId: 'no-such-project' });
    expect(other.totals.turns).toBe(0);
  });

  it('exports JSONL without prompts, outputs or commands unless asked', async () => {
    const { thread } = await runTurnWithApproval();
    const plain = await test.client.api.trace.export({ threadId: thread.id });
    expect(plain.fileName).toMatch(/^skein-trace-.*\.jsonl$/);
    const lines = plain.jsonl.trimEnd().split('\n');
    const spans = lines.map((line) => JSON.parse(line) as TraceSpan);
    expect(spans.map((span) => span.kind).sort()).toEqual(
      ['approval', 'model_call', 'model_call', 'tool_call', 'turn'].sort(),
    );
    expect(spans[0]?.kind).toBe('turn');
    expect(spans.every((span) => span.content === null)).toBe(true);
    for (const secret of ['zebra', 'marker', 'secret']) expect(plain.jsonl).not.toContain(secret);

    const full = await test.client.api.trace.export({ threadId: thread.id, includeContent: true });
    expect(full.jsonl).toContain(PROMPT);
    expect(full.jsonl).toContain(ANSWER);
    expect(full.jsonl).toContain(COMMAND);
    await rpcFailure(test.client.api.trace.export({ threadId: 'missing-thread' }));
  });
});

describe.each(['openai-chat', 'anthropic'] as const)('model calls over %s', (provider) => {
  it('are measured with their time to first token and tokens', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      { text: ['One ', 'two ', 'three.'], usage: { input: 700, output: 30 }, chunkDelayMs: 15 },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Count', provider });
    await test.turnCompleted(thread.id);
    const trace = await test.client.api.trace.thread({ threadId: thread.id });
    const [call] = only(trace.turns[0]?.spans ?? [], 'model_call');
    expect(call).toMatchObject({ provider, model: PRICED_MODEL, error: null });
    expect(call?.firstTokenAt ?? 0).toBeGreaterThan(call?.startedAt ?? Infinity);
    expect(call?.endedAt ?? 0).toBeGreaterThanOrEqual(call?.firstTokenAt ?? Infinity);
    expect(call?.usage?.inputTokens).toBe(700);
    expect(call?.usage?.outputTokens).toBe(30);
  });
});
