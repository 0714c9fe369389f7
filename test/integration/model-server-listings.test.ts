import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPTED_MODELS, type ModelServer, startModelServer } from '../support/model-server';

let server: ModelServer;

beforeEach(async () => {
  server = await startModelServer({ models: ['gpt-scripted', 'llama3.2:latest'] });
});
afterEach(async () => {
  await server.close();
});

describe('model server: listings and edge requests', () => {
  it('lists the scripted models to the openai SDK', async () => {
    const client = new OpenAI({ apiKey: 'sk-list', baseURL: `${server.url}/v1` });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['gpt-scripted', 'llama3.2:latest']);
    expect(server.requests[0]).toMatchObject({ api: 'models', method: 'GET', apiKey: 'sk-list' });
  });

  it('lists the scripted models in Anthropic shape to the Anthropic SDK', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-list', baseURL: server.url });
    const models: { id: string; display_name: string }[] = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => [m.id, m.display_name])).toEqual([
      ['gpt-scripted', 'gpt-scripted'],
      ['llama3.2:latest', 'llama3.2:latest'],
    ]);
  });

  it("answers Ollama's /api/tags so a local-model picker can be tested", async () => {
    const response = await fetch(`${server.url}/api/tags`);
    const body = (await response.json()) as {
      models: { name: string; model: string; details: { format: string } }[];
    };
    expect(response.status).toBe(200);
    expect(body.models.map((m) => m.name)).toEqual(['gpt-scripted', 'llama3.2:latest']);
    expect(body.models[1]).toMatchObject({ model: 'llama3.2:latest', details: { format: 'gguf' } });
    expect(server.requests[0]?.api).toBe('ollama-tags');
  });

  it('defaults to one scripted model and echoes it when a request names none', async () => {
    const bare = await startModelServer();
    try {
      bare.script([{ text: 'ok' }]);
      const listing = (await (await fetch(`${bare.url}/v1/models`)).json()) as { data: { id: string }[] };
      expect(listing.data.map((m) => m.id)).toEqual(DEFAULT_SCRIPTED_MODELS);
      const response = await fetch(`${bare.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(((await response.json()) as { model: string }).model).toBe(DEFAULT_SCRIPTED_MODELS[0]);
    } finally {
      await bare.close();
    }
  });

  it('rejects unknown routes with 404 and unparseable bodies with 400, recording both', async () => {
    server.script([{ text: 'never used' }]);
    const unknown = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('no route for POST /v1/embeddings');
    const garbled = await fetch(`${server.url}/v1/responses`, { method: 'POST', body: '{not json' });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toContain('not valid JSON');
    expect(server.requests.map((r) => r.api)).toEqual(['unknown', 'responses']);
    expect(server.pending).toBe(1);
  });

  it('ends open streams when closed mid-stream', async () => {
    const slow = await startModelServer();
    slow.script([{ text: ['a', 'b', 'c', 'd'], chunkDelayMs: 10_000 }]);
    const response = await fetch(`${slow.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [], stream: true }),
    });
    const started = performance.now();
    await slow.close();
    await expect(response.text()).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
