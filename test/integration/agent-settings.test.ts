import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, SCRIPTED_MODEL, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost | null = null;

beforeEach(async () => {
  server = await startModelServer({ models: [SCRIPTED_MODEL, 'second-model'] });
});
afterEach(async () => {
  await test?.close();
  test = null;
  await server.close();
  dirs.cleanup();
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('agent settings and models', () => {
  it('lists OpenAI, Anthropic and a local Ollama’s models, and leaves out an Ollama that does not answer', async () => {
    test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
    const listing = await test.client.api.agent.models({});
    expect(listing.errors).toEqual([]);
    expect(listing.models.filter((model) => model.provider === 'ollama').map((model) => model.id)).toEqual([
      SCRIPTED_MODEL,
      'second-model',
    ]);
    expect(listing.models.filter((model) => model.provider === 'openai').map((model) => model.id)).toContain(
      'second-model',
    );
    expect(
      listing.models.filter((model) => model.provider === 'anthropic').map((model) => model.id),
    ).toContain(SCRIPTED_MODEL);
    expect(server.requests.find((request) => request.api === 'ollama-tags')).toBeDefined();
    await test.close();

    const port = await closedPort();
    test = await AgentTestHost.start(
      dirs.make('skein-agent-data-'),
      agentEnv(server, dirs, { OLLAMA_HOST: `127.0.0.1:${port}` }),
    );
    const without = await test.client.api.agent.models({});
    expect(without.models.some((model) => model.provider === 'ollama')).toBe(false);
    expect(without.errors).toEqual([]);
  });

  it('resolves layers: thread over project over user over the environment, and null clears a field', async () => {
    test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
    const { thread, projectId } = await createAgentThread(test, dirs);
    const initial = await test.client.api.agent.getSettings({ threadId: thread.id });
    expect(initial.effective).toMatchObject({
      provider: 'openai',
      model: SCRIPTED_MODEL,
      baseUrl: `${server.url}/v1`,
      approvalPolicy: 'on-request',
      sandboxMode: 'workspace-write',
      networkAccess: false,
    });
    expect(initial.effective.sources).toMatchObject({ model: 'env', approvalPolicy: 'default' });
    expect(initial.sandbox).toMatchObject({ available: true, kind: 'bwrap' });

    await test.client.api.agent.setSettings({
      scope: 'user',
      settings: { model: 'user-model', provider: 'anthropic' },
    });
    await test.client.api.agent.setSettings({
      scope: 'project',
      projectId,
      settings: { model: 'project-model' },
    });
    let view = await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { model: 'thread-model', contextWindow: 50_000 },
    });
    expect(view.effective).toMatchObject({
      provider: 'anthropic',
      model: 'thread-model',
      contextWindow: 50_000,
    });
    expect(view.effective.sources).toMatchObject({
      provider: 'user',
      model: 'thread',
      contextWindow: 'thread',
    });
    expect((await test.client.api.agent.getSettings({ projectId })).effective.model).toBe('project-model');

    view = await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { model: null },
    });
    expect(view.thread).toEqual({ contextWindow: 50_000 });
    expect(view.effective.model).toBe('project-model');

    const bad = await rpcFailure(
      test.client.api.agent.setSettings({ scope: 'project', settings: { model: 'x' } }),
    );
    expect(bad.kind).toBe('INVALID_PARAMS');
  });

  it('stores keys in a 0600 file, and refuses a turn without a key before anything runs', async () => {
    const dataDir = dirs.make('skein-agent-data-');
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs, { ANTHROPIC_API_KEY: '' }));
    const { thread } = await createAgentThread(test, dirs);
    const refused = await rpcFailure(
      test.client.api.turn.start({ threadId: thread.id, message: 'Hi', provider: 'anthropic' }),
    );
    expect(refused.kind).toBe('INVALID_STATE');
    expect(refused.message).toContain('ANTHROPIC_API_KEY');
    expect((await test.transcript(thread.id)).turns).toEqual([]);
    expect(server.requests.filter((request) => request.api === 'anthropic')).toEqual([]);

    await test.client.api.agent.setKey({ provider: 'anthropic', apiKey: 'sk-ant-stored-3c1d' });
    expect(statSync(join(dataDir, 'provider-keys.json')).mode & 0o777).toBe(0o600);
    server.script([{ text: 'Hello from Anthropic.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Hi', provider: 'anthropic' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(server.requests.at(-1)).toMatchObject({ api: 'anthropic', apiKey: 'sk-ant-stored-3c1d' });
  });

  it('runs the Ollama provider over its OpenAI-compatible endpoint, with MCP servers accepted', async () => {
    const { createHost } = await import('../../src-main/host/create-host');
    const host = await createHost({
      dataDir: dirs.make('skein-agent-data-'),
      shell: '/bin/sh',
      agents: { env: agentEnv(server, dirs), mcpServers: [] },
    });
    await host.dispose();

    test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
    const { thread } = await createAgentThread(test, dirs);
    server.script([{ text: 'Local model here.' }]);
    await test.client.api.turn.start({
      threadId: thread.id,
      message: 'Hi',
      provider: 'ollama',
      model: 'second-model',
    });
    const turn = await test.turnCompleted(thread.id);
    expect(turn).toMatchObject({
      status: 'completed',
      provider: 'ollama',
      model: 'second-model',
      costUsd: 0,
    });
    expect(server.requests.at(-1)).toMatchObject({
      api: 'chat',
      path: '/v1/chat/completions',
      model: 'second-model',
    });
  });
});
