import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../support/model-server';

let server: ModelServer;
let client: OpenAI;

beforeEach(async () => {
  server = await startModelServer();
  client = new OpenAI({ apiKey: 'sk-chat-test', baseURL: `${server.url}/v1` });
});
afterEach(async () => {
  await server.close();
});

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** How a client rebuilds tool calls from indexed deltas: the first delta per index names the call, later ones append. */
function reassembleToolCalls(chunks: ChatCompletionChunk[]) {
  const calls: { id: string; name: string; arguments: string }[] = [];
  for (const delta of chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])) {
    const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
    call.id ||= delta.id ?? '';
    call.name ||= delta.function?.name ?? '';
    call.arguments += delta.function?.arguments ?? '';
  }
  return calls;
}

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'read_file',
      description: 'Read a file from the worktree',
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
  },
];

describe('model server: Chat Completions through the openai SDK', () => {
  it('streams content chunks, a finish reason and the usage chunk when asked', async () => {
    server.script([{ text: ['Hi', ' from', ' chat'], usage: { input: 12, output: 3 } }]);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-chat-test',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' },
        ],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );

    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'gpt-chat-test'),
    ).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hi from chat');
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    expect(server.requests[0]).toMatchObject({
      api: 'chat',
      path: '/v1/chat/completions',
      apiKey: 'sk-chat-test',
      stream: true,
      messages: [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', text: 'Hello' },
      ],
    });
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    server.script([{ text: 'x' }]);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    );
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('streams parallel tool calls as indexed deltas that reassemble into the scripted calls', async () => {
    server.script([
      {
        toolCalls: [
          { id: 'call_a', name: 'read_file', arguments: { path: 'src/index.ts' } },
          { id: 'call_b', name: 'read_file', arguments: { path: 'package.json' } },
        ],
      },
    ]);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'read both' }],
        tools,
        stream: true,
      }),
    );

    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.tool_calls).length).toBeGreaterThan(4);
    expect(reassembleToolCalls(chunks)).toEqual([
      { id: 'call_a', name: 'read_file', arguments: '{"path":"src/index.ts"}' },
      { id: 'call_b', name: 'read_file', arguments: '{"path":"package.json"}' },
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
    expect(server.requests[0]?.tools).toEqual([
      {
        name: 'read_file',
        description: 'Read a file from the worktree',
        parameters: tools[0]?.function.parameters,
      },
    ]);
  });

  it('gives the SDK stream helper a final completion with the tool call assembled', async () => {
    server.script([
      { text: 'Reading it.', toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] },
    ]);
    const stream = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'read' }],
      tools,
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.content).toBe('Reading it.');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'read_file',
      arguments: '{"path":"README.md"}',
    });
    expect(call?.id).toMatch(/^call_/);
  });

  it('answers a non-streamed request and normalizes a tool conversation', async () => {
    server.script([{ text: 'The file says hi.' }]);
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [
        { role: 'user', content: 'What is in a.txt?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"a.txt"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'hi' },
      ],
      tools,
    });

    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: 'The file says hi.' },
    });
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(server.requests[0]?.messages).toEqual([
      { role: 'user', text: 'What is in a.txt?' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a.txt"}' }],
      },
      { role: 'tool', text: 'hi', toolCallId: 'call_1' },
    ]);
  });

  it('surfaces a scripted HTTP error as the SDK error class', async () => {
    server.script([{ error: { status: 401, message: 'Incorrect API key provided' } }]);
    const failure = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(failure).rejects.toThrow(/Incorrect API key/);
  });

  it('makes the SDK throw on a malformed chunk, a dropped connection and an in-stream error', async () => {
    const quiet = new OpenAI({ apiKey: 'sk-chat-test', baseURL: `${server.url}/v1`, logLevel: 'off' });
    server.script([
      { text: ['a', 'b', 'c'], malformedChunk: true },
      { text: ['a', 'b', 'c'], failMidStream: true },
      { text: ['a', 'b', 'c'], streamError: { message: 'upstream overloaded' } },
    ]);
    const request = () =>
      quiet.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
    await expect(collect(await request())).rejects.toThrow(/malformed|JSON/i);
    await expect(collect(await request())).rejects.toThrow();
    await expect(collect(await request())).rejects.toThrow(/upstream overloaded/);
    expect(server.pending).toBe(0);
  });

  it('answers with an obvious 500 when nothing is scripted', async () => {
    const failure = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(failure).rejects.toThrow(/script ran out of replies at request #1/);
    expect(server.requests).toHaveLength(1);
  });
});
