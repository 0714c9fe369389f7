import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentTestHost, TEST_ANTHROPIC_KEY, agentEnv } from '../support/agent-host';
import { readyBackendThread } from '../support/backend-thread-fixtures';
import {
  createClaudeSandbox,
  processesWith,
  startClaudeTripwire,
  type ClaudeSandbox,
  type ClaudeTripwire,
} from '../support/claude-backend-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const MODEL = 'skein-scripted-model';

let server: ModelServer;
let proxy: ClaudeTripwire;
const temp = new TempDirs();
const hosts: AgentTestHost[] = [];

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startClaudeTripwire();
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  temp.cleanup();
});

afterAll(async () => {
  expect(proxy.attempts).toEqual([]);
  await proxy.close();
  await server.close();
});

async function startHost(dataDir: string, sandbox: ClaudeSandbox): Promise<AgentTestHost> {
  const host = await AgentTestHost.start(dataDir, agentEnv(server, temp), {
    backends: { claude: { configDir: sandbox.configDir, env: sandbox.env } },
  });
  hosts.push(host);
  return host;
}

async function closeHost(host: AgentTestHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.close();
}

function anthropicCallsSince(count: number) {
  return server.requests.slice(count).filter((request) => request.api === 'anthropic');
}

describe('a thread run by Claude Code', () => {
  it('edits after our approval, records the transcript and resumes after a restart', async () => {
    const sandbox = createClaudeSandbox(temp, proxy.url);
    const dataDir = temp.make('skein-claude-data-');
    const first = await startHost(dataDir, sandbox);
    await first.client.api.agent.setSettings({
      scope: 'user',
      settings: { approvalPolicy: 'untrusted', claudeModel: MODEL },
    });
    const thread = await readyBackendThread(first, temp, 'claude');
    const file = join(thread.worktreePath, 'a.txt');
    const before = server.requests.length;
    server.script([
      { toolCalls: [{ id: 'toolu_read', name: 'Read', arguments: { file_path: file } }] },
      {
        toolCalls: [
          {
            id: 'toolu_edit',
            name: 'Edit',
            arguments: { file_path: file, old_string: 'one', new_string: 'two' },
          },
        ],
      },
      { text: ['Changed ', 'a.txt.'] },
    ]);
    const { turn } = await first.client.api.turn.start({ threadId: thread.id, message: 'Change one to two' });
    expect(turn.provider).toBe('anthropic');

    const approval = await first.approvalRequested(thread.id);
    expect(approval).toMatchObject({ turnId: turn.id, kind: 'patch', tool: 'Edit', status: 'pending' });
    expect((await first.client.api.approval.list({ threadId: thread.id })).approvals).toHaveLength(1);
    await first.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });

    const done = await first.turnCompleted(thread.id);
    expect(done).toMatchObject({ id: turn.id, status: 'completed', model: MODEL });
    expect(done.costUsd).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    const transcript = await first.transcript(thread.id);
    expect(transcript.items.map((item) => item.kind)).toEqual([
      'user_message',
      'tool_call',
      'file_change',
      'agent_message',
    ]);
    expect(approval.itemId).toBe(transcript.items[2]!.id);
    expect(transcript.items.at(-1)).toMatchObject({ kind: 'agent_message', text: 'Changed a.txt.' });
    const calls = anthropicCallsSince(before);
    expect(calls[0]!.apiKey).toBe(TEST_ANTHROPIC_KEY);
    expect(calls.at(-1)!.messages.some((entry) => entry.toolCallId === 'toolu_edit')).toBe(true);

    await closeHost(first);
    expect(processesWith(sandbox.configDir)).toEqual([]);

    const second = await startHost(dataDir, sandbox);
    const resumedAt = server.requests.length;
    server.script([{ text: 'Still here.' }]);
    await second.client.api.turn.start({ threadId: thread.id, message: 'What did you do before?' });
    expect((await second.turnCompleted(thread.id)).status).toBe('completed');
    const texts = anthropicCallsSince(resumedAt)[0]!.messages.map((entry) => entry.text);
    expect(texts.some((text) => text.endsWith('Change one to two'))).toBe(true);
    expect(texts).toContain('Changed a.txt.');
    await closeHost(second);
    expect(processesWith(sandbox.configDir)).toEqual([]);
  });
});
