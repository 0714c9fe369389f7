import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ModelServer, startModelServer } from '../support/model-server';

let server: ModelServer;
const providers: OpenAIProvider[] = [];

beforeAll(() => {
  // Tracing would try to export spans to api.openai.com.
  setTracingDisabled(true);
});
afterAll(() => {
  setTracingDisabled(false);
});
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.close();
  await server.close();
});

function runnerFor(useResponses: boolean): Runner {
  const provider = new OpenAIProvider({
    apiKey: 'sk-agents-test',
    baseURL: `${server.url}/v1`,
    useResponses,
  });
  providers.push(provider);
  return new Runner({ modelProvider: provider, model: 'gpt-agents-test' });
}

function weatherAgent(calls: string[]) {
  const getWeather = tool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => {
      calls.push(city);
      return `sunny and 21 C in ${city}`;
    },
  });
  return new Agent({
    name: 'Forecaster',
    instructions: 'Answer weather questions with the tool.',
    tools: [getWeather],
  });
}

const script = [
  { toolCalls: [{ id: 'call_weather', name: 'get_weather', arguments: { city: 'Oslo' } }] },
  { text: ['It is sunny ', 'in Oslo.'] },
];

describe('model server: @openai/agents run loop', () => {
  it('runs a Responses agent through a tool call to the final text', async () => {
    server.script(script);
    const calls: string[] = [];
    const result = await runnerFor(true).run(weatherAgent(calls), 'What is the weather in Oslo?');

    expect(result.finalOutput).toBe('It is sunny in Oslo.');
    expect(calls).toEqual(['Oslo']);
    expect(server.requests.map((r) => r.api)).toEqual(['responses', 'responses']);
    const [first, second] = server.requests;
    expect(first).toMatchObject({ model: 'gpt-agents-test', apiKey: 'sk-agents-test' });
    expect(first?.messages).toEqual([
      { role: 'system', text: 'Answer weather questions with the tool.' },
      { role: 'user', text: 'What is the weather in Oslo?' },
    ]);
    expect(first?.tools.map((t) => t.name)).toEqual(['get_weather']);
    expect(second?.messages.slice(-2)).toEqual([
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'call_weather', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
      { role: 'tool', text: 'sunny and 21 C in Oslo', toolCallId: 'call_weather' },
    ]);
  });

  it('runs a streamed Responses agent and a Chat Completions agent the same way', async () => {
    server.script([...script, ...script]);
    const calls: string[] = [];
    const streamed = await runnerFor(true).run(weatherAgent(calls), 'Weather in Oslo?', { stream: true });
    const textDeltas: string[] = [];
    for await (const text of streamed.toTextStream()) textDeltas.push(text);
    await streamed.completed;
    expect(streamed.finalOutput).toBe('It is sunny in Oslo.');
    expect(textDeltas).toEqual(['It is sunny ', 'in Oslo.']);

    const chat = await runnerFor(false).run(weatherAgent(calls), 'Weather in Oslo?');
    expect(chat.finalOutput).toBe('It is sunny in Oslo.');
    expect(calls).toEqual(['Oslo', 'Oslo']);
    expect(server.requests.map((r) => `${r.api}:${r.stream}`)).toEqual([
      'responses:true',
      'responses:true',
      'chat:false',
      'chat:false',
    ]);
    expect(server.requests[3]?.messages.at(-1)).toEqual({
      role: 'tool',
      text: 'sunny and 21 C in Oslo',
      toolCallId: 'call_weather',
    });
  });
});
