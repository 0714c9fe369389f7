import type { Model, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import type { ModelCallContext, ModelCallOutcome } from '../../src-main/core/agents/runtime/model-hooks';
import { ObservedModel, carriesOutput } from '../../src-main/core/agents/runtime/observed-model';

const CONTEXT: ModelCallContext = { threadId: 't1', turnId: 'u1', provider: 'openai', model: 'gpt-4.1' };
const USAGE = {
  requests: 1,
  inputTokens: 1000,
  outputTokens: 200,
  totalTokens: 1200,
  inputTokensDetails: { cached_tokens: 400 },
  outputTokensDetails: { reasoning_tokens: 50 },
};

/** A model whose stream is a fixed list of events, each step advancing a fake clock. */
function scriptedModel(events: StreamEvent[], clock: { now: number }, fail?: Error): Model {
  return {
    getResponse: (): Promise<ModelResponse> => {
      clock.now += 100;
      if (fail) return Promise.reject(fail);
      return Promise.resolve({ usage: USAGE, output: [] } as unknown as ModelResponse);
    },
    async *getStreamedResponse(): AsyncIterable<StreamEvent> {
      for (const event of events) {
        clock.now += 10;
        await Promise.resolve();
        yield event;
      }
      if (fail) throw fail;
    },
  };
}

const started = { type: 'response_started' } as StreamEvent;
const delta = { type: 'output_text_delta', delta: 'Hi' } as StreamEvent;
const done = {
  type: 'response_done',
  response: { id: 'r1', usage: USAGE, output: [] },
} as unknown as StreamEvent;

async function drain(stream: AsyncIterable<StreamEvent>): Promise<number> {
  let count = 0;
  for await (const _event of stream) count++;
  return count;
}

describe('ObservedModel', () => {
  it('measures a streamed call: start, first token, end, tokens and cost', async () => {
    const clock = { now: 1000 };
    const outcomes: ModelCallOutcome[] = [];
    const model = new ObservedModel(
      scriptedModel([started, delta, done], clock),
      CONTEXT,
      [{ after: (_context, outcome) => outcomes.push(outcome) }],
      () => clock.now,
    );
    expect(await drain(model.getStreamedResponse({} as ModelRequest))).toBe(3);
    expect(outcomes).toEqual([
      {
        startedAt: 1000,
        firstTokenAt: 1020,
        endedAt: 1030,
        usage: { inputTokens: 1000, cachedTokens: 400, outputTokens: 200, reasoningTokens: 50 },
        // gpt-4.1: 600 × $2 + 400 × $0.50 + 200 × $8 per million.
        costUsd: 0.003,
        error: null,
      },
    ]);
  });

  it('lets a throwing before stop the call, and never lets a throwing after break it', async () => {
    const clock = { now: 0 };
    let called = false;
    const inner = scriptedModel([done], clock);
    const stopping = new ObservedModel(
      {
        ...inner,
        getResponse: (request) => {
          called = true;
          return inner.getResponse(request);
        },
      },
      CONTEXT,
      [
        {
          before: () => {
            throw new Error('Budget reached');
          },
        },
      ],
    );
    await expect(stopping.getResponse({} as ModelRequest)).rejects.toThrow('Budget reached');
    expect(called).toBe(false);

    const seen: ModelCallOutcome[] = [];
    const tolerant = new ObservedModel(inner, CONTEXT, [
      {
        after: () => {
          throw new Error('observer broke');
        },
      },
      { after: (_context, outcome) => seen.push(outcome) },
    ]);
    await expect(tolerant.getResponse({} as ModelRequest)).resolves.toMatchObject({ output: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.firstTokenAt).toBe(seen[0]?.endedAt);
  });

  it('reports failures and early stops with no usage', async () => {
    const clock = { now: 0 };
    const outcomes: ModelCallOutcome[] = [];
    const hooks = [
      { after: (_context: ModelCallContext, outcome: ModelCallOutcome) => outcomes.push(outcome) },
    ];
    const failing = new ObservedModel(
      scriptedModel([started], clock, new Error('socket hang up')),
      CONTEXT,
      hooks,
      () => clock.now,
    );
    await expect(drain(failing.getStreamedResponse({} as ModelRequest))).rejects.toThrow('socket hang up');
    expect(outcomes[0]).toMatchObject({ firstTokenAt: null, costUsd: null, error: 'socket hang up' });

    const stopped = new ObservedModel(scriptedModel([started, delta, done], clock), CONTEXT, hooks);
    for await (const event of stopped.getStreamedResponse({} as ModelRequest)) {
      if (event.type === 'output_text_delta') break;
    }
    expect(outcomes[1]?.error).toMatch(/ended before/);
  });
});

describe('carriesOutput', () => {
  it('tells output events from bookkeeping ones', () => {
    const raw = (event: unknown) => ({ type: 'model', event }) as StreamEvent;
    expect(carriesOutput(delta)).toBe(true);
    expect(carriesOutput(started)).toBe(false);
    expect(carriesOutput(done)).toBe(false);
    expect(carriesOutput(raw({ type: 'response.created' }))).toBe(false);
    expect(carriesOutput(raw({ type: 'response.function_call_arguments.delta' }))).toBe(true);
    expect(carriesOutput(raw({ choices: [{ delta: { role: 'assistant' } }] }))).toBe(false);
    expect(carriesOutput(raw({ choices: [{ delta: { tool_calls: [{ index: 0 }] } }] }))).toBe(true);
  });
});
