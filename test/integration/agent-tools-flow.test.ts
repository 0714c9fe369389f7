import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../src-shared/contract';
import {
  AgentTestHost,
  PROVIDERS,
  SCRIPTED_MODEL,
  TEST_ANTHROPIC_KEY,
  TEST_OPENAI_KEY,
  agentEnv,
  createAgentThread,
} from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';

const API_OF: Record<ProviderKind, RecordedRequest['api']> = {
  openai: 'responses',
  'openai-chat': 'chat',
  anthropic: 'anthropic',
  ollama: 'chat',
};

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

function toolResults(request: RecordedRequest | undefined): string[] {
  return (request?.messages ?? [])
    .filter((message) => message.role === 'tool')
    .map((message) => message.text);
}

/** Also shows that commands run without the host's provider keys in their environment. */
const SHELL_COMMAND = 'cat greeting.txt && echo "checked ${OPENAI_API_KEY:-without keys}"';
const GREETING_PATCH = [
  '*** Begin Patch',
  '*** Update File: greeting.txt',
  '@@',
  '-hello',
  '+hello, world',
  '*** End Patch',
].join('\n');

describe.each(PROVIDERS)('agent tools over %s', (provider) => {
  it('reads a file, patches it, runs a command and answers', async () => {
    const { thread } = await createAgentThread(test, dirs, {
      'greeting.txt': 'hello\n',
      'README.md': '# demo\n',
    });
    server.script([
      {
        text: 'Let me look.',
        toolCalls: [{ id: 'call_read', name: 'read_file', arguments: { path: 'greeting.txt' } }],
      },
      { toolCalls: [{ id: 'call_patch', name: 'apply_patch', arguments: { patch: GREETING_PATCH } }] },
      {
        toolCalls: [{ id: 'call_shell', name: 'shell', arguments: { command: SHELL_COMMAND } }],
      },
      { text: ['The greeting ', 'now says hello, world.'], usage: { input: 300, output: 12 } },
    ]);

    const { turn } = await test.client.api.turn.start({
      threadId: thread.id,
      message: 'Make the greeting friendlier',
      provider,
    });
    expect(turn).toMatchObject({ status: 'running', provider, model: SCRIPTED_MODEL });
    const done = await test.turnCompleted(thread.id);

    expect(done.status).toBe('completed');
    expect(done.usage.inputTokens).toBeGreaterThanOrEqual(300);
    expect(done.usage.outputTokens).toBeGreaterThanOrEqual(12);
    expect(readFileSync(join(thread.worktreePath, 'greeting.txt'), 'utf8')).toBe('hello, world\n');
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('done');

    expect(server.requests.map((request) => request.api)).toEqual(Array(4).fill(API_OF[provider]));
    const expectedKey = provider === 'anthropic' ? TEST_ANTHROPIC_KEY : TEST_OPENAI_KEY;
    expect(server.requests.every((request) => request.apiKey === expectedKey)).toBe(true);
    expect(server.requests[0]?.tools.map((tool) => tool.name).sort()).toEqual([
      'apply_patch',
      'list_files',
      'read_file',
      'search',
      'shell',
      'thread_overlaps',
      'update_plan',
    ]);
    expect(toolResults(server.requests[1]).at(-1)).toContain('hello');
    expect(toolResults(server.requests[2]).at(-1)).toContain(
      'Success. Updated the following files:\nM greeting.txt',
    );
    const shellResult = toolResults(server.requests[3]).at(-1) ?? '';
    expect(shellResult).toContain('Exit code: 0');
    expect(shellResult).toContain('hello, world\nchecked without keys');

    const { turns, items } = await test.transcript(thread.id);
    expect(turns).toHaveLength(1);
    expect(items.map((item) => item.kind)).toEqual([
      'user_message',
      'agent_message',
      'tool_call',
      'file_change',
      'command',
      'agent_message',
    ]);
    expect(items.every((item) => item.status === 'completed' && item.completedAt !== null)).toBe(true);
    const [, , read, change, command, answer] = items;
    expect(read).toMatchObject({ kind: 'tool_call', tool: 'read_file' });
    expect(change).toMatchObject({
      kind: 'file_change',
      changes: [{ kind: 'update', path: 'greeting.txt' }],
    });
    expect(change?.kind === 'file_change' && change.changes[0]?.diff).toContain('+hello, world');
    expect(command).toMatchObject({
      kind: 'command',
      command: SHELL_COMMAND,
      exitCode: 0,
      sandbox: 'bwrap',
    });
    expect(answer).toMatchObject({ kind: 'agent_message', text: 'The greeting now says hello, world.' });
    expect(answer?.inputTokens).toBe(300);

    // The answer streamed before it completed, and the command's output streamed live.
    const streamed = test.of('item/delta').filter((delta) => delta.itemId === answer?.id);
    expect(streamed.map((delta) => delta.delta).join('')).toBe('The greeting now says hello, world.');
    const output = test
      .of('item/delta')
      .filter((delta) => delta.itemId === command?.id && delta.stream === 'output');
    expect(output.map((delta) => delta.delta).join('')).toContain('checked without keys');
  });

  it('leaves files alone when a patch does not apply, and tells the model why', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'greeting.txt': 'hello\n' });
    const badPatch = [
      '*** Begin Patch',
      '*** Update File: greeting.txt',
      '@@',
      '-goodbye',
      '+farewell',
      '*** End Patch',
    ].join('\n');
    server.script([
      { toolCalls: [{ id: 'call_bad', name: 'apply_patch', arguments: { patch: badPatch } }] },
      { text: 'The patch did not apply.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Say farewell', provider });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');

    expect(readFileSync(join(thread.worktreePath, 'greeting.txt'), 'utf8')).toBe('hello\n');
    const result = toolResults(server.requests[1]).at(-1) ?? '';
    expect(result).toContain('The patch was not applied; no file was changed.');
    expect(result).toMatch(/goodbye/);
    const change = (await test.transcript(thread.id)).items.find((item) => item.kind === 'file_change');
    expect(change).toMatchObject({ status: 'failed' });
  });

  it('refuses paths outside the worktree and says so to the model', async () => {
    const { thread } = await createAgentThread(test, dirs);
    const escape = ['*** Begin Patch', '*** Add File: ../escaped.txt', '+out', '*** End Patch'].join('\n');
    server.script([
      {
        toolCalls: [
          { id: 'call_passwd', name: 'read_file', arguments: { path: '/etc/passwd' } },
          { id: 'call_escape', name: 'apply_patch', arguments: { patch: escape } },
        ],
      },
      { text: 'Both were refused.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Peek outside', provider });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');

    const results = toolResults(server.requests[1]);
    expect(results).toHaveLength(2);
    expect(results[0]).toContain("outside this thread's worktree");
    expect(results[0]).not.toContain('root:');
    expect(results[1]).toContain("outside this thread's worktree");
    expect(existsSync(join(thread.worktreePath, '..', 'escaped.txt'))).toBe(false);
  });
});

describe('provider keys', () => {
  it('reach the provider from the environment but never the database or a client', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([{ text: 'Hi.' }, { text: 'Hi again.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Hello', provider: 'openai' });
    await test.turnCompleted(thread.id);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Hello', provider: 'anthropic' });
    await test.turnCompleted(thread.id, 2);
    expect(server.requests.map((request) => request.apiKey)).toEqual([TEST_OPENAI_KEY, TEST_ANTHROPIC_KEY]);

    const view = await test.client.api.agent.getSettings({ threadId: thread.id });
    expect(view.keys).toEqual({ openai: 'env', anthropic: 'env' });
    await test.client.api.agent.setKey({ provider: 'openai', apiKey: 'sk-stored-key-b7e1' });
    expect((await test.client.api.agent.getSettings({})).keys.openai).toBe('stored');

    test.host.services.agents.writer.flush();
    test.host.services.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(test.dataDir).filter((name) => name.startsWith('skein.db'))) {
      const bytes = readFileSync(join(test.dataDir, file)).toString('latin1');
      for (const key of [TEST_OPENAI_KEY, TEST_ANTHROPIC_KEY, 'sk-stored-key-b7e1'])
        expect(bytes).not.toContain(key);
    }
    const wire = JSON.stringify(test.received) + JSON.stringify(view);
    for (const key of [TEST_OPENAI_KEY, TEST_ANTHROPIC_KEY, 'sk-stored-key-b7e1'])
      expect(wire).not.toContain(key);
  });
});
