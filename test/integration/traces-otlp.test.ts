import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { OtlpCollector, type CollectedSpan } from '../support/otlp-collector';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let collector: OtlpCollector;
let test: AgentTestHost;

const PRICED_MODEL = 'gpt-4.1';
const PROMPT = 'Please list the giraffe files';
const COMMAND = 'ls giraffe-dir || true';
const ANSWER = 'No giraffe files here.';

beforeEach(async () => {
  server = await startModelServer();
  collector = await OtlpCollector.start();
  test = await AgentTestHost.start(
    dirs.make('skein-otlp-data-'),
    agentEnv(server, dirs, { SKEIN_MODEL: PRICED_MODEL }),
  );
});
afterEach(async () => {
  await test.close();
  await collector.close();
  await server.close();
  dirs.cleanup();
});

async function runTurn(): Promise<{ threadId: string; projectId: string; turnId: string }> {
  const { thread, projectId } = await createAgentThread(test, dirs);
  server.script([
    {
      toolCalls: [{ id: 'call_ls', name: 'shell', arguments: { command: COMMAND } }],
      usage: { input: 800, output: 50, cached: 200 },
      chunkDelayMs: 10,
    },
    { text: ANSWER, usage: { input: 900, output: 30 } },
  ]);
  await test.client.api.turn.start({ threadId: thread.id, message: PROMPT, provider: 'openai' });
  const turn = await test.turnCompleted(thread.id);
  expect(turn.status).toBe('completed');
  await test.host.services.traces.flush();
  return { threadId: thread.id, projectId, turnId: turn.id };
}

function byName(spans: CollectedSpan[], prefix: string): CollectedSpan[] {
  return spans.filter((span) => span.name.startsWith(prefix));
}

describe('OTLP export', () => {
  it('sends nothing without an endpoint', async () => {
    expect(await test.client.api.trace.getSettings({})).toEqual({
      otlpEndpoint: null,
      otlpHeaders: {},
      includeContent: false,
    });
    await runTurn();
    expect(collector.requests).toEqual([]);
  });

  it('sends each finished turn as spans under a turn span, with GenAI attributes and no content', async () => {
    const settings = await test.client.api.trace.setSettings({
      otlpEndpoint: collector.tracesUrl,
      otlpHeaders: { 'x-collector-key': 'k-123' },
    });
    expect(settings).toMatchObject({ otlpEndpoint: collector.tracesUrl, includeContent: false });
    const { threadId, projectId, turnId } = await runTurn();

    expect(collector.requests.length).toBeGreaterThan(0);
    expect(collector.requests[0]?.headers['x-collector-key']).toBe('k-123');
    const spans = collector.spans;
    const [turn] = byName(spans, 'invoke_agent');
    expect(turn).toBeDefined();
    expect(turn?.parentSpanId).toBeNull();
    expect(turn?.resource['service.name']).toBe('skein');
    expect(turn?.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': PRICED_MODEL,
      'gen_ai.usage.input_tokens': 1700,
      'gen_ai.usage.output_tokens': 80,
      'skein.thread.id': threadId,
      'skein.project.id': projectId,
      'skein.turn.id': turnId,
    });
    expect(turn?.attributes['skein.cost_usd']).toBeGreaterThan(0);

    const chats = byName(spans, 'chat ');
    expect(chats.map((span) => span.name)).toEqual([`chat ${PRICED_MODEL}`, `chat ${PRICED_MODEL}`]);
    const [tool] = byName(spans, 'execute_tool ');
    expect(tool?.name).toBe('execute_tool shell');
    expect(tool?.attributes['gen_ai.tool.name']).toBe('shell');
    for (const child of [...chats, tool]) {
      expect(child?.traceId).toBe(turn?.traceId);
      expect(child?.parentSpanId).toBe(turn?.spanId);
      expect(child?.startMs ?? 0).toBeGreaterThanOrEqual(turn?.startMs ?? Infinity);
      expect(child?.endMs ?? Infinity).toBeLessThanOrEqual(turn?.endMs ?? 0);
      expect(child?.endMs ?? 0).toBeGreaterThanOrEqual(child?.startMs ?? Infinity);
    }
    const first = chats[0];
    expect(first?.kind).toBe(3); // SpanKind.CLIENT, + 1 in OTLP's numbering.
    expect(first?.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 800,
      'gen_ai.usage.output_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 200,
    });
    // 600 uncached × $2 + 200 cached × $0.50 + 50 out × $8, per million.
    expect(first?.attributes['skein.cost_usd']).toBeCloseTo(0.0017, 9);
    expect(first?.events.map((event) => event.name)).toEqual(['gen_ai.first_token']);
    expect(tool?.startMs ?? 0).toBeGreaterThanOrEqual(first?.endMs ?? Infinity);

    const everything = collector.requests.map((request) => request.body).join('\n');
    for (const text of ['giraffe', PROMPT, ANSWER]) expect(everything).not.toContain(text);
  });

  it('puts prompts, outputs and command lines in only when the user opts in', async () => {
    await test.client.api.trace.setSettings({ otlpEndpoint: collector.tracesUrl, includeContent: true });
    await runTurn();
    const [turn] = byName(collector.spans, 'invoke_agent');
    expect(turn?.attributes['skein.content.prompt']).toBe(PROMPT);
    expect(turn?.attributes['skein.content.output']).toBe(ANSWER);
    const [tool] = byName(collector.spans, 'execute_tool ');
    expect(tool?.attributes['skein.content.command']).toBe(COMMAND);
  });

  it('keeps the host working when the collector is gone, and refuses endpoints that are not http(s)', async () => {
    await rpcFailure(test.client.api.trace.setSettings({ otlpEndpoint: 'file:///etc/passwd' }));
    await test.client.api.trace.setSettings({ otlpEndpoint: 'http://127.0.0.1:1/v1/traces' });
    const { threadId } = await runTurn();
    const trace = await test.client.api.trace.thread({ threadId });
    expect(trace.turns).toHaveLength(1);
    await test.client.api.trace.setSettings({ otlpEndpoint: null });
    expect((await test.client.api.trace.getSettings({})).otlpEndpoint).toBeNull();
  });
});
