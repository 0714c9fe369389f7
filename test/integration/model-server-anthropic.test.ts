import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../support/model-server';

let server: ModelServer;
let client: Anthropic;

beforeEach(async () => {
  server = await startModelServer();
  client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url });
});
afterEach(async () => {
  await server.close();
});

async function collect(stream: AsyncIterable<RawMessageStreamEvent>): Promise<RawMessageStreamEvent[]> {
  const events: RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const tools = [
  {
    name: 'run_command',
    description: 'Run a shell command in the worktree',
    input_schema: {
      type: 'object' as const,
      properties: { command: { type: 'string' } },
      required: ['command'],
    },
  },
];

describe('model server: Anthropic Messages through @anthropic-ai/sdk', () => {
  it('streams text with messages.stream and assembles the final message', async () => {
    server.script([{ text: ['Hello', ', ', 'Claude here.'], usage: { input: 30, output: 4, cached: 10 } }]);
    const stream = client.messages.stream({
      model: 'claude-test',
      max_tokens: 256,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();

    expect(deltas).toEqual(['Hello', ', ', 'Claude here.']);
    expect(message).toMatchObject({
      role: 'assistant',
      model: 'claude-test',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'Hello, Claude here.' }],
      usage: { input_tokens: 20, cache_read_input_tokens: 10, output_tokens: 4 },
    });
    expect(message.id).toMatch(/^msg_/);
    expect(server.requests[0]).toMatchObject({
      api: 'anthropic',
      path: '/v1/messages',
      apiKey: 'sk-ant-test',
      stream: true,
      messages: [
        { role: 'system', text: 'You are terse.' },
        { role: 'user', text: 'Hi' },
      ],
    });
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key. apiKey covers both.
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-api-key'] ?? headers.authorization).toContain('sk-ant-test');
    expect(server.requests[0]?.headers['anthropic-version']).toBeTruthy();
  });

  it('streams parallel tool_use blocks whose input_json deltas reassemble, with stop_reason tool_use', async () => {
    server.script([
      {
        text: 'Running both.',
        toolCalls: [
          { id: 'toolu_ls', name: 'run_command', arguments: { command: 'ls -la src' } },
          { name: 'run_command', arguments: { command: 'git status --short' } },
        ],
      },
    ]);
    const events = await collect(
      await client.messages.create({
        model: 'claude-test',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'go' }],
        tools,
        stream: true,
      }),
    );

    expect(events[0]?.type).toBe('message_start');
    expect(events.at(-1)?.type).toBe('message_stop');
    const starts = events.flatMap((e) => (e.type === 'content_block_start' ? [e.content_block] : []));
    expect(starts.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    const inputs = new Map<number, string>();
    for (const event of events) {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        inputs.set(event.index, (inputs.get(event.index) ?? '') + event.delta.partial_json);
      }
    }
    expect([...inputs.values()].map((json) => JSON.parse(json) as unknown)).toEqual([
      { command: 'ls -la src' },
      { command: 'git status --short' },
    ]);
    const messageDelta = events.find((e) => e.type === 'message_delta');
    expect(messageDelta?.type === 'message_delta' && messageDelta.delta.stop_reason).toBe('tool_use');
    expect(starts[1]).toMatchObject({ type: 'tool_use', id: 'toolu_ls', name: 'run_command' });
    expect(starts[2]).toMatchObject({ type: 'tool_use', id: expect.stringMatching(/^toolu_/) as unknown });
    expect(server.requests[0]?.tools).toEqual([
      {
        name: 'run_command',
        description: 'Run a shell command in the worktree',
        parameters: tools[0]?.input_schema,
      },
    ]);
  });

  it('assembles thinking and tool_use input in the stream helper final message', async () => {
    server.script([
      {
        reasoning: ['Need to ', 'look.'],
        toolCalls: [{ name: 'run_command', arguments: { command: 'cat a.txt' } }],
      },
    ]);
    const message = await client.messages
      .stream({ model: 'claude-test', max_tokens: 256, messages: [{ role: 'user', content: 'look' }], tools })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: 'Need to look.', signature: expect.any(String) as unknown },
      { type: 'tool_use', name: 'run_command', input: { command: 'cat a.txt' } },
    ]);
  });

  it('answers a non-streamed request and normalizes tool_result turns', async () => {
    server.script([{ text: 'Done.', stopReason: 'max_tokens' }]);
    const message = await client.messages.create({
      model: 'claude-test',
      max_tokens: 256,
      messages: [
        { role: 'user', content: 'list files' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'run_command', input: { command: 'ls' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.txt\nb.txt' }] },
      ],
      tools,
    });

    expect(message).toMatchObject({ stop_reason: 'max_tokens', content: [{ type: 'text', text: 'Done.' }] });
    expect(server.requests[0]?.stream).toBe(false);
    expect(server.requests[0]?.messages).toEqual([
      { role: 'user', text: 'list files' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'toolu_1', name: 'run_command', arguments: '{"command":"ls"}' }],
      },
      { role: 'tool', text: 'a.txt\nb.txt', toolCallId: 'toolu_1' },
    ]);
  });

  it('surfaces a scripted overload as the SDK error with the Anthropic error type', async () => {
    server.script([{ error: { status: 529, message: 'Overloaded' } }]);
    const failure = client.messages.create({
      model: 'claude-test',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    await expect(failure).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(failure).rejects.toMatchObject({
      status: 529,
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('makes the SDK throw on a malformed chunk, a dropped connection and an in-stream error event', async () => {
    const quiet = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, logLevel: 'off' });
    server.script([
      { text: ['a', 'b', 'c'], malformedChunk: true },
      { text: ['a', 'b', 'c'], failMidStream: true },
      { text: ['a', 'b', 'c'], streamError: { message: 'Overloaded mid-stream' } },
    ]);
    const request = () =>
      quiet.messages.create({
        model: 'claude-test',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
    await expect(collect(await request())).rejects.toThrow(SyntaxError);
    await expect(collect(await request())).rejects.toThrow();
    await expect(collect(await request())).rejects.toThrow(/Overloaded mid-stream/);
  });

  it('paces a slow stream', async () => {
    const delayMs = 60;
    server.script([{ text: ['one', 'two'], chunkDelayMs: delayMs }]);
    const arrivals: number[] = [];
    const stream = client.messages.stream({
      model: 'claude-test',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    stream.on('text', () => arrivals.push(performance.now()));
    await stream.done();
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(delayMs - 10);
  });

  it('answers with an obvious 500 once the script runs out', async () => {
    const failure = client.messages.create({
      model: 'claude-test',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(failure).rejects.toThrow(/script ran out of replies/);
    expect(server.requests).toHaveLength(1);
  });
});
