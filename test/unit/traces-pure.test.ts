import { describe, expect, it } from 'vitest';
import type { TraceSpan, TraceTurn } from '../../src-shared/contract';
import { traceToJsonl } from '../../src-main/core/traces/jsonl-export';
import { planTurn } from '../../src-main/core/traces/otlp-spans';
import { localDay, totalsByDay, windowStart } from '../../src-main/core/traces/timeline';
import type { ProjectTurnRow } from '../../src-main/core/traces/trace-rows';
import { barPlacement, spanLabel, totalsSummary } from '../../src-renderer/features/traces/trace-format';
import { headersFromText, headersToText } from '../../src-renderer/features/traces/tracing-headers';

function span(fields: Partial<TraceSpan> & Pick<TraceSpan, 'kind' | 'name'>): TraceSpan {
  return {
    id: `${fields.kind}-${fields.name}`,
    threadId: 'thread-1',
    turnId: 'turn-1',
    parentId: 'turn-1',
    startedAt: 1000,
    endedAt: 2000,
    firstTokenAt: null,
    provider: null,
    model: null,
    usage: null,
    costUsd: null,
    status: 'ok',
    error: null,
    attributes: {},
    content: null,
    ...fields,
  };
}

const TURN: TraceTurn = {
  turn: span({
    id: 'turn-1',
    parentId: null,
    kind: 'turn',
    name: 'Turn 1',
    startedAt: 1000,
    endedAt: 5000,
    provider: 'openai-chat',
    model: 'gpt-4.1',
    usage: { inputTokens: 10, cachedTokens: 2, outputTokens: 3, reasoningTokens: 0 },
    costUsd: 0.5,
    content: { prompt: 'secret prompt', output: 'secret answer' },
  }),
  spans: [
    span({
      kind: 'model_call',
      name: 'gpt-4.1',
      provider: 'openai-chat',
      model: 'gpt-4.1',
      startedAt: 1100,
      endedAt: 1900,
      firstTokenAt: 1400,
      usage: { inputTokens: 10, cachedTokens: 2, outputTokens: 3, reasoningTokens: 1 },
      costUsd: 0.5,
    }),
    span({ kind: 'tool_call', name: 'shell', endedAt: null, content: { command: 'rm -rf secret' } }),
  ],
};

describe('OTLP plans', () => {
  it('names spans by GenAI conventions, keeps real times and leaves content out unless asked', () => {
    const plan = planTurn(TURN, 'project-1', false, 9000);
    expect(plan.turn).toMatchObject({
      name: 'invoke_agent skein',
      startedAt: 1000,
      endedAt: 5000,
      client: false,
    });
    expect(plan.turn.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.system': 'openai',
      'skein.project.id': 'project-1',
      'skein.cost_usd': 0.5,
    });
    const [call, tool] = plan.children;
    expect(call).toMatchObject({ name: 'chat gpt-4.1', client: true, firstTokenAt: 1400 });
    expect(call?.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.cache_read.input_tokens': 2,
      'skein.time_to_first_token_ms': 300,
    });
    // An open span ends with its turn.
    expect(tool).toMatchObject({ name: 'execute_tool shell', endedAt: 5000 });
    expect(JSON.stringify(plan)).not.toContain('secret');
    const full = planTurn(TURN, null, true, 9000);
    expect(full.turn.attributes['skein.content.prompt']).toBe('secret prompt');
    expect(full.children[1]?.attributes['skein.content.command']).toBe('rm -rf secret');
  });
});

describe('JSONL export', () => {
  it('writes one line per span, turn first, content only when asked', () => {
    const trace = { threadId: 'thread-1', turns: [TURN], loose: [], totals: {} } as never;
    const lines = traceToJsonl(trace, false).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as TraceSpan).kind)).toEqual([
      'turn',
      'model_call',
      'tool_call',
    ]);
    expect(lines.join('')).not.toContain('secret');
    expect(traceToJsonl(trace, true)).toContain('rm -rf secret');
  });
});

describe('totals per day', () => {
  const now = new Date(2026, 10, 23, 15, 0).getTime();
  const turn = (at: number, input: number, cost: number | null): ProjectTurnRow => ({
    id: `turn-${at}`,
    thread_id: 'thread-1',
    seq: 1,
    status: 'completed',
    provider: 'openai',
    model: 'gpt-4.1',
    started_at: at,
    completed_at: at + 10,
    input_tokens: input,
    output_tokens: 1,
    cached_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: cost,
    error: null,
    model_calls: 2,
  });

  it('has every day of the window, oldest first, with empty ones', () => {
    const yesterday = new Date(2026, 10, 22, 23, 30).getTime();
    const result = totalsByDay(
      [turn(yesterday, 5, 0.1), turn(now, 7, null), turn(now - 3600_000, 1, 0.2)],
      3,
      now,
    );
    expect(result.days.map((day) => day.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(result.days.map((day) => day.inputTokens)).toEqual([0, 5, 8]);
    expect(result.days[2]).toMatchObject({ turns: 2, modelCalls: 4, costUsd: 0.2 });
    expect(result.totals).toMatchObject({ turns: 3, unpricedTurns: 1, inputTokens: 13, costUsd: 0.3 });
    expect(localDay(windowStart(3, now))).toBe('2026-11-21');
    expect(windowStart(1, now)).toBe(new Date(2026, 10, 23).getTime());
  });
});

describe('timeline drawing', () => {
  it('places bars by time within the turn, never outside it or invisibly thin', () => {
    const window = { startedAt: 1000, endedAt: 2000 };
    expect(barPlacement({ startedAt: 1250, endedAt: 1750 }, window)).toEqual({ left: 25, width: 50 });
    expect(barPlacement({ startedAt: 1500, endedAt: 1500 }, window).width).toBeGreaterThan(0);
    const late = barPlacement({ startedAt: 3000, endedAt: null }, window);
    expect(late.left + late.width).toBeLessThanOrEqual(100);
    expect(barPlacement({ startedAt: 500, endedAt: 1500 }, window)).toEqual({ left: 0, width: 50 });
  });

  it('says what a span measured in its accessible name', () => {
    expect(spanLabel(TURN.spans[0] as TraceSpan)).toBe(
      'Model call gpt-4.1: 800 ms, first token 300 ms, 10 in (2 cached), 3 out, $0.50',
    );
    const approval = span({
      kind: 'approval',
      name: 'Approval: shell',
      startedAt: 0,
      endedAt: 2500,
      attributes: { 'skein.approval.decision': 'approve_once' },
    });
    expect(spanLabel(approval)).toBe('Approval shell: you answered after 2.50 s, approve once');
  });
});

describe('collector headers field', () => {
  it('round-trips headers and explains a bad line', () => {
    const headers = { Authorization: 'Bearer a:b', 'x-team': 'one' };
    expect(headersFromText(headersToText(headers))).toEqual({ headers });
    expect(headersFromText('\n  \n')).toEqual({ headers: {} });
    expect(headersFromText('ok: 1\nbroken')).toEqual({ error: 'Line 2 needs the form "Name: value".' });
  });
});

describe('totals in words', () => {
  it('does not call unknown prices free', () => {
    const base = { inputTokens: 1200, cachedTokens: 0, outputTokens: 30, reasoningTokens: 0, modelCalls: 2 };
    expect(totalsSummary({ ...base, costUsd: 0, turns: 1, unpricedTurns: 1 })).toBe(
      '1 turn, 2 model calls, 1.2k in (0 cached), 30 out, cost unknown',
    );
    expect(totalsSummary({ ...base, costUsd: 0.25, turns: 3, unpricedTurns: 1 })).toContain(
      '$0.25 (+ 1 unpriced)',
    );
    expect(totalsSummary({ ...base, costUsd: 0, turns: 0, unpricedTurns: 0 })).toContain('$0');
  });
});
