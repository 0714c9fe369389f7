import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost | null = null;

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await test?.close();
  test = null;
  await server.close();
  dirs.cleanup();
});

const DIFF = [
  'diff --git a/src/retry.ts b/src/retry.ts',
  '--- a/src/retry.ts',
  '+++ b/src/retry.ts',
  '@@ -1 +1 @@',
  '-const ATTEMPTS = 1;',
  '+const ATTEMPTS = 3;',
].join('\n');

describe.each<ProviderKind>(['openai', 'anthropic'])('proposeCommitMessage over %s', (provider) => {
  it('asks the thread’s model once, without tools, and returns its message', async () => {
    test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.agent.setSettings({ scope: 'thread', threadId: thread.id, settings: { provider } });
    server.script([
      {
        text:
          '```\nfix(retry): retry failed uploads three times before giving up on a flaky network connection\n\n' +
          'Uploads on hotel Wi-Fi failed on the first dropped packet.\n```',
      },
    ]);

    const message = await test.host.services.agents.proposeCommitMessage(thread.id, DIFF);
    // The subject is cut at a word boundary under 72 characters; fences are gone.
    expect(message).toBe(
      'fix(retry): retry failed uploads three times before giving up on a flaky\n\n' +
        'Uploads on hotel Wi-Fi failed on the first dropped packet.',
    );
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0];
    expect(request?.api).toBe(provider === 'openai' ? 'responses' : 'anthropic');
    expect(request?.stream).toBe(false);
    expect(request?.tools).toEqual([]);
    const system = request?.messages.find((entry) => entry.role === 'system')?.text ?? '';
    expect(system).toContain('Conventional Commits');
    expect(system).toContain('under 72 characters');
    const user = request?.messages.find((entry) => entry.role === 'user')?.text ?? '';
    expect(user).toContain('+const ATTEMPTS = 3;');
    // Nothing of this call reaches the clients' transcript.
    expect(test.itemsStarted()).toEqual([]);
  });
});

describe('proposeCommitMessage without a model', () => {
  it('returns null when no key is configured, and rejects when the provider fails', async () => {
    test = await AgentTestHost.start(
      dirs.make('skein-agent-data-'),
      agentEnv(server, dirs, { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' }),
    );
    const { thread } = await createAgentThread(test, dirs);
    expect(await test.host.services.agents.proposeCommitMessage(thread.id, DIFF)).toBeNull();
    expect(server.requests).toEqual([]);

    await test.client.api.agent.setKey({ provider: 'openai', apiKey: 'sk-stored-for-commit' });
    server.script([{ error: { status: 500, message: 'upstream broke' } }]);
    await expect(test.host.services.agents.proposeCommitMessage(thread.id, DIFF)).rejects.toThrow(
      /upstream broke/,
    );
  });
});
