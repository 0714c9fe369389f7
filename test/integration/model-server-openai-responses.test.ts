import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../support/model-server';

let server: ModelServer;
let client: OpenAI;

beforeEach(async () => {
  server = await startModelServer();
  // Default retries on purpose: scripted errors must still reach the caller exactly once.
  client = new OpenAI({ apiKey: 'sk-responses-test', baseURL: `${server.url}/v1` });
});
afterEach(async () => {
  await server.close();
});

async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

describe('model server: OpenAI Responses API through the openai SDK', () => {
  it('streams text deltas in the documented event order and records the request', async () => {
    server.script([{ text: ['Hel', 'lo ', 'there'], usage: { input: 21, output: 3, cached: 5 } }]);
    const events = await collect(
      await client.responses.create({
        model: 'gpt-test',
        instructions: 'Be brief.',
        input: 'Say hello',
        stream: true,
      }),
    );

    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : []));
    expect(deltas).toEqual(['Hel', 'lo ', 'there']);
    const completed = events.at(-1);
    if (completed?.type !== 'response.completed')
      throw new Error('stream did not end with response.completed');
    expect(completed.response.id).toMatch(/^resp_/);
    expect(completed.response.model).toBe('gpt-test');
    expect(completed.response.output).toMatchObject([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello there' }] },
    ]);
    expect(completed.response.usage).toMatchObject({
      input_tokens: 21,
      output_tokens: 3,
      input_tokens_details: { cached_tokens: 5 },
    });

    const [request] = server.requests;
    expect(request).toMatchObject({
      api: 'responses',
      path: '/v1/responses',
      model: 'gpt-test',
      stream: true,
      apiKey: 'sk-responses-test',
    });
    expect(request?.headers.authorization).toBe('Bearer sk-responses-test');
    expect(request?.messages).toEqual([
      { role: 'system', text: 'Be brief.' },
      { role: 'user', text: 'Say hello' },
    ]);
  });

  it('streams a tool call whose argument deltas add up to the scripted arguments', async () => {
    server.script([
      { toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Oslo, Norway' } }] },
    ]);
    const events = await collect(
      await client.responses.create({
        model: 'gpt-test',
        input: 'Weather?',
        tools: [weatherTool],
        stream: true,
      }),
    );

    const deltas = events.flatMap((e) =>
      e.type === 'response.function_call_arguments.delta' ? [e.delta] : [],
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(JSON.parse(deltas.join(''))).toEqual({ city: 'Oslo, Norway' });
    const done = events.find((e) => e.type === 'response.output_item.done');
    expect(done?.type === 'response.output_item.done' && done.item).toMatchObject({
      type: 'function_call',
      call_id: 'call_weather_1',
      name: 'get_weather',
      arguments: '{"city":"Oslo, Norway"}',
    });
    expect(server.requests[0]?.tools).toEqual([
      { name: 'get_weather', description: 'Current weather for a city', parameters: weatherTool.parameters },
    ]);
  });

  it('assembles parallel tool calls and reasoning with the SDK stream helper', async () => {
    server.script([
      {
        reasoning: ['Two cities, ', 'two calls.'],
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Oslo' } },
          { name: 'get_weather', arguments: { city: 'Lima' } },
        ],
      },
    ]);
    const stream = client.responses.stream({
      model: 'gpt-test',
      input: 'Weather in Oslo and Lima?',
      tools: [weatherTool],
    });
    const summaryDeltas: string[] = [];
    stream.on('response.reasoning_summary_text.delta', (event) => summaryDeltas.push(event.delta));
    const final = await stream.finalResponse();

    expect(summaryDeltas.join('')).toBe('Two cities, two calls.');
    const calls = final.output.filter((item) => item.type === 'function_call');
    expect(calls.map((call) => JSON.parse(call.arguments) as unknown)).toEqual([
      { city: 'Oslo' },
      { city: 'Lima' },
    ]);
    expect(new Set(calls.map((call) => call.call_id)).size).toBe(2);
    expect(final.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Two cities, two calls.' }],
    });
  });

  it('answers a non-streamed request and normalizes a tool result sent back', async () => {
    server.script([{ text: 'Sunny, 21 C.' }]);
    const response = await client.responses.create({
      model: 'gpt-test',
      input: [
        { role: 'user', content: 'Weather in Oslo?' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny, 21' },
      ],
      tools: [weatherTool],
    });

    expect(response.output_text).toBe('Sunny, 21 C.');
    expect(response.status).toBe('completed');
    expect(server.requests[0]?.stream).toBe(false);
    expect(server.requests[0]?.messages).toEqual([
      { role: 'user', text: 'Weather in Oslo?' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
      { role: 'tool', text: 'sunny, 21', toolCallId: 'call_1' },
    ]);
  });

  it('lets a function compute each reply from the recorded request', async () => {
    server.script((request) => ({ text: `echo: ${request.messages.at(-1)?.text ?? ''}` }));
    const first = await client.responses.create({ model: 'gpt-test', input: 'one' });
    const second = await client.responses.create({ model: 'gpt-test', input: 'two' });
    expect([first.output_text, second.output_text]).toEqual(['echo: one', 'echo: two']);
  });

  it('surfaces a scripted HTTP error as the SDK error class, once, without SDK retries', async () => {
    server.script([{ error: { status: 429, message: 'Rate limit reached for scripted tests' } }]);
    const failure = client.responses.create({ model: 'gpt-test', input: 'hi', stream: true });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(failure).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('Rate limit reached') as unknown,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('makes the SDK throw on a malformed SSE chunk', async () => {
    server.script([{ text: ['a', 'b', 'c'], malformedChunk: true }]);
    // The SDK logs the bad chunk before throwing; silence it to keep test output clean.
    const quiet = new OpenAI({ apiKey: 'sk-responses-test', baseURL: `${server.url}/v1`, logLevel: 'off' });
    const stream = await quiet.responses.create({ model: 'gpt-test', input: 'hi', stream: true });
    await expect(collect(stream)).rejects.toThrow(/malformed|JSON/i);
  });

  it('makes the SDK throw when the connection drops mid-stream', async () => {
    server.script([{ text: ['a', 'b', 'c', 'd'], failMidStream: true }]);
    const received: ResponseStreamEvent[] = [];
    const consume = async () => {
      for await (const event of await client.responses.create({
        model: 'gpt-test',
        input: 'hi',
        stream: true,
      }))
        received.push(event);
    };
    await expect(consume()).rejects.toThrow();
    expect(received.length).toBeGreaterThan(0);
    expect(received.some((e) => e.type === 'response.completed')).toBe(false);
  });

  it('delivers an in-stream error event as an APIError', async () => {
    server.script([
      { text: ['a', 'b', 'c'], streamError: { message: 'The server had an error while processing' } },
    ]);
    const stream = await client.responses.create({ model: 'gpt-test', input: 'hi', stream: true });
    await expect(collect(stream)).rejects.toThrow(/server had an error/);
  });

  it('paces a slow stream so deltas arrive over time', async () => {
    const delayMs = 60;
    server.script([{ text: ['slow', ' and', ' steady'], chunkDelayMs: delayMs }]);
    const arrivals: number[] = [];
    for await (const event of await client.responses.create({
      model: 'gpt-test',
      input: 'hi',
      stream: true,
    })) {
      if (event.type === 'response.output_text.delta') arrivals.push(performance.now());
    }
    expect(arrivals).toHaveLength(3);
    // Two frames apart at 60 ms each; allow timer slack below the nominal 120 ms.
    expect(arrivals[2]! - arrivals[0]!).toBeGreaterThanOrEqual(delayMs * 2 - 10);
  });

  it('answers with an obvious 500 once the script runs out', async () => {
    server.script([{ text: 'only reply' }]);
    await client.responses.create({ model: 'gpt-test', input: 'first' });
    const failure = client.responses.create({ model: 'gpt-test', input: 'second' });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(failure).rejects.toThrow(/script ran out of replies at request #2/);
    expect(server.requests).toHaveLength(2);
    expect(server.pending).toBe(0);
  });
});
