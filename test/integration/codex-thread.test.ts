import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Thread, ThreadBackend } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import {
  CODEX_BIN,
  createCodexSandbox,
  startTripwireProxy,
  type CodexSandbox,
  type TripwireProxy,
} from '../support/codex-backend-fixtures';
import { readyBackendThread } from '../support/backend-thread-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const PATCH_A = [
  "apply_patch <<'EOF'",
  '*** Begin Patch',
  '*** Update File: a.txt',
  '@@',
  '-one',
  '+two',
  '*** End Patch',
  'EOF',
  '',
].join('\n');

let server: ModelServer;
let proxy: TripwireProxy;
const temp = new TempDirs();
const hosts: AgentTestHost[] = [];

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startTripwireProxy();
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  temp.cleanup();
});

afterAll(async () => {
  // Everything Codex asked for went to the scripted server; nothing left the machine.
  expect(proxy.attempts).toEqual([]);
  await proxy.close();
  await server.close();
});

/** Live processes whose environment names this CODEX_HOME: the npm launcher and the native codex. */
function codexProcesses(codexHome: string): number[] {
  const needle = `CODEX_HOME=${codexHome}\0`;
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(needle)) found.push(Number(name));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

async function startHost(
  dataDir: string,
  sandbox: CodexSandbox,
  idleStopMs?: number,
): Promise<AgentTestHost> {
  const host = await AgentTestHost.start(dataDir, agentEnv(server, temp), {
    backends: { idleStopMs, codex: { home: sandbox.codexHome, env: sandbox.env } },
  });
  hosts.push(host);
  return host;
}

async function closeHost(host: AgentTestHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.close();
}

const readyThread = (test: AgentTestHost, backend: ThreadBackend): Promise<Thread> =>
  readyBackendThread(test, temp, backend);

async function noCodexLeft(codexHome: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (codexProcesses(codexHome).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`Codex processes still running: ${codexProcesses(codexHome).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function modelRequestsSince(count: number) {
  return server.requests.slice(count).filter((request) => request.api === 'responses');
}

describe('a thread run by Codex', () => {
  it('edits the worktree after our approval, records the transcript and resumes after a restart', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const dataDir = temp.make('skein-codex-data-');
    const first = await startHost(dataDir, sandbox);
    // The user's default backend: every new thread of every project runs Codex.
    await first.client.api.agent.setSettings({
      scope: 'user',
      settings: { backend: 'codex', codexPath: CODEX_BIN, approvalPolicy: 'untrusted' },
    });
    const { thread } = await createAgentThread(first, temp, { 'a.txt': 'one\n' });
    expect(thread.backend).toBe('codex');

    const before = server.requests.length;
    server.script([
      {
        reasoning: ['Let me ', 'edit it.'],
        toolCalls: [{ id: 'call_patch', name: 'exec_command', arguments: { cmd: PATCH_A } }],
      },
      { text: ['Changed ', 'a.txt.'] },
    ]);
    const { turn } = await first.client.api.turn.start({
      threadId: thread.id,
      message: 'Change one to two in a.txt',
    });
    expect(first.of('turn/started').map((entry) => entry.turn.id)).toEqual([turn.id]);

    const approval = await first.approvalRequested(thread.id);
    expect(approval).toMatchObject({
      turnId: turn.id,
      kind: 'patch',
      tool: 'apply_patch',
      status: 'pending',
    });
    expect(approval.patch).toContain('+two');
    const inbox = await first.client.api.approval.list({ threadId: thread.id });
    expect(inbox.approvals.map((entry) => entry.id)).toEqual([approval.id]);
    expect((await first.threadStatus(thread.id, 'waiting_approval')).id).toBe(thread.id);
    expect(readFileSync(join(thread.worktreePath, 'a.txt'), 'utf8')).toBe('one\n');
    expect(codexProcesses(sandbox.codexHome).length).toBeGreaterThan(0);

    await first.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
    const done = await first.turnCompleted(thread.id);
    expect(done).toMatchObject({ id: turn.id, status: 'completed', error: null });
    expect(done.snapshotBefore).not.toBeNull();
    expect(done.snapshotAfter).not.toBeNull();
    expect(readFileSync(join(thread.worktreePath, 'a.txt'), 'utf8')).toBe('two\n');
    expect((await first.client.api.thread.get({ threadId: thread.id })).status).toBe('done');

    const transcript = await first.transcript(thread.id);
    expect(transcript.turns.map((entry) => entry.status)).toEqual(['completed']);
    expect(transcript.items.map((item) => item.kind)).toEqual([
      'user_message',
      'reasoning',
      'file_change',
      'agent_message',
    ]);
    expect(transcript.items.every((item) => item.turnId === turn.id && item.status === 'completed')).toBe(
      true,
    );
    const [, reasoning, change, message] = transcript.items;
    expect(reasoning).toMatchObject({ kind: 'reasoning', text: 'Let me edit it.' });
    expect(change!.kind === 'file_change' && change!.changes.map((entry) => entry.path)).toEqual(['a.txt']);
    expect(approval.itemId).toBe(change!.id);
    expect(message).toMatchObject({ kind: 'agent_message', text: 'Changed a.txt.' });
    expect(first.itemsStarted('file_change').map((item) => item.id)).toEqual([change!.id]);
    // Our decision reached Codex: it applied the patch and told the model so.
    const calls = modelRequestsSince(before);
    expect(calls).toHaveLength(2);
    expect(
      calls[1]!.messages.some((entry) => entry.role === 'tool' && entry.toolCallId === 'call_patch'),
    ).toBe(true);

    await closeHost(first);
    expect(codexProcesses(sandbox.codexHome)).toEqual([]);

    // A new host on the same data dir resumes Codex's session: the model sees the first turn.
    const second = await startHost(dataDir, sandbox);
    const resumedAt = server.requests.length;
    server.script([{ text: 'Still here.' }]);
    await second.client.api.turn.start({ threadId: thread.id, message: 'What did you do before?' });
    expect((await second.turnCompleted(thread.id)).status).toBe('completed');
    const texts = modelRequestsSince(resumedAt)[0]!.messages.map((entry) => entry.text);
    expect(texts).toContain('Change one to two in a.txt');
    expect(texts).toContain('Changed a.txt.');
    expect(texts).toContain('What did you do before?');
    const after = await second.transcript(thread.id);
    expect(after.turns.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(after.items.at(-1)).toMatchObject({ kind: 'agent_message', text: 'Still here.' });
    // Archiving stops the idle agent at once (not only when its idle time runs out).
    expect(codexProcesses(sandbox.codexHome).length).toBeGreaterThan(0);
    await second.client.api.thread.archive({ threadId: thread.id });
    expect(codexProcesses(sandbox.codexHome)).toEqual([]);
    await closeHost(second);
    expect(codexProcesses(sandbox.codexHome)).toEqual([]);
  });

  it('refuses a backend switch mid-turn, interrupts, then switches and stops Codex', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const test = await startHost(temp.make('skein-codex-data-'), sandbox);
    await test.client.api.agent.setSettings({ scope: 'user', settings: { codexPath: CODEX_BIN } });
    const thread = await readyThread(test, 'codex');
    expect(thread.backend).toBe('codex');

    server.script([{ text: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], chunkDelayMs: 1_000 }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Go slowly' });
    await test.waitFor(() => test.of('item/delta').find((entry) => entry.threadId === thread.id), 'a delta');
    await expect(
      test.client.api.thread.setBackend({ threadId: thread.id, backend: 'builtin' }),
    ).rejects.toThrow(/interrupt it before switching/);
    await test.client.api.turn.interrupt({ threadId: thread.id });
    expect((await test.turnCompleted(thread.id)).status).toBe('interrupted');

    const switched = await test.client.api.thread.setBackend({ threadId: thread.id, backend: 'builtin' });
    expect(switched.backend).toBe('builtin');
    expect(test.of('thread/updated').at(-1)?.thread.backend).toBe('builtin');
    expect(codexProcesses(sandbox.codexHome)).toEqual([]);
  });

  it('says clearly when codex is missing; settings choose backends where they belong', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const test = await startHost(temp.make('skein-codex-data-'), sandbox);
    const missing = join(temp.make('skein-no-codex-'), 'codex');
    await test.client.api.agent.setSettings({ scope: 'user', settings: { codexPath: missing } });
    const thread = await readyThread(test, 'codex');
    await expect(test.client.api.turn.start({ threadId: thread.id, message: 'Hello' })).rejects.toThrow(
      `The configured Codex path ${missing} is not an executable file`,
    );
    expect((await test.transcript(thread.id)).turns).toEqual([]);
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('ready');

    const claude = await readyThread(test, 'claude');
    await expect(
      test.client.api.agent.setSettings({
        scope: 'thread',
        threadId: claude.id,
        settings: { backend: 'codex' },
      }),
    ).rejects.toThrow(/thread\/setBackend/);
    await expect(
      test.client.api.agent.setSettings({
        scope: 'project',
        projectId: claude.projectId,
        settings: { codexPath: CODEX_BIN },
      }),
    ).rejects.toThrow(/setting of this machine's user/);
    // A project's default beats the user's (none here): its next thread runs Codex.
    await test.client.api.agent.setSettings({
      scope: 'project',
      projectId: claude.projectId,
      settings: { backend: 'codex' },
    });
    const next = await test.client.api.thread.start({ projectId: claude.projectId, title: 'Next' });
    expect(next.backend).toBe('codex');
    // The host is still healthy: the thread can go back to the built-in agent.
    expect(
      (await test.client.api.thread.setBackend({ threadId: claude.id, backend: 'builtin' })).backend,
    ).toBe('builtin');
  });

  it('stops an idle Codex and resumes its session for the next turn', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const test = await startHost(temp.make('skein-codex-data-'), sandbox, 300);
    await test.client.api.agent.setSettings({ scope: 'user', settings: { codexPath: CODEX_BIN } });
    const thread = await readyThread(test, 'codex');
    server.script([{ text: 'First answer.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'First question' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    await noCodexLeft(sandbox.codexHome);

    const before = server.requests.length;
    server.script([{ text: 'Second answer.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Second question' });
    expect((await test.turnCompleted(thread.id, 2)).status).toBe('completed');
    const texts = modelRequestsSince(before)[0]!.messages.map((entry) => entry.text);
    expect(texts).toEqual(expect.arrayContaining(['First question', 'First answer.', 'Second question']));
  });
});
