import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecision } from '../../src-shared/contract';
import {
  ClaudeBackend,
  type BackendApprovalRequest,
  type BackendEvent,
  type BackendItem,
} from '../../src-main/core/agents/backends';
import {
  SCRIPTED_ANTHROPIC_KEY,
  createClaudeSandbox,
  processesWith,
  recordingClaudeHooks,
  startClaudeTripwire,
  type ClaudeSandbox,
  type ClaudeTripwire,
} from '../support/claude-backend-fixtures';
import { TempDirs, createRepo, git } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const MODEL = 'skein-scripted-model';

let server: ModelServer;
let proxy: ClaudeTripwire;
const temp = new TempDirs();
const backends: ClaudeBackend[] = [];
const sandboxes: ClaudeSandbox[] = [];

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startClaudeTripwire();
});

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.dispose();
  // Nothing Claude Code started may outlive its backend (the CLI, its shells, its MCP servers).
  for (const sandbox of sandboxes.splice(0)) expect(processesWith(sandbox.configDir)).toEqual([]);
  temp.cleanup();
});

afterAll(async () => {
  // Nothing Claude Code did may have left the machine: every request went to the scripted server.
  expect(proxy.attempts).toEqual([]);
  expect(
    server.requests.every((request) => request.method === 'POST' && request.path === '/v1/messages'),
  ).toBe(true);
  await proxy.close();
  await server.close();
});

/** A repository with a.txt and a linked worktree on its own branch, as Skein gives a thread. */
function threadWorktree(): string {
  const repo = createRepo(temp, { files: { 'a.txt': 'one\n' } });
  const worktree = join(temp.make('skein-wt-'), 'thread');
  git(repo.path, ['worktree', 'add', '--quiet', '-b', 'skein/claude-thread', worktree]);
  return worktree;
}

interface Harness {
  backend: ClaudeBackend;
  sandbox: ClaudeSandbox;
  worktree: string;
  record: ReturnType<typeof recordingClaudeHooks>;
}

async function startBackend(
  options: {
    decide?: (request: BackendApprovalRequest) => ApprovalDecision;
    policy?: 'untrusted' | 'on-request' | 'never';
    resume?: { sandbox: ClaudeSandbox; worktree: string; sessionId: string };
  } = {},
): Promise<Harness> {
  const worktree = options.resume?.worktree ?? threadWorktree();
  const sandbox = options.resume?.sandbox ?? createClaudeSandbox(temp, proxy.url);
  sandboxes.push(sandbox);
  const record = recordingClaudeHooks(options.decide ?? (() => 'decline'));
  const backend = new ClaudeBackend({
    hooks: record.hooks,
    base: sandbox.env,
    apiKey: SCRIPTED_ANTHROPIC_KEY,
    baseUrl: server.url,
    configDir: sandbox.configDir,
    settingSources: [],
  });
  backends.push(backend);
  await backend.start({
    worktreePath: worktree,
    resumeSessionId: options.resume?.sessionId ?? null,
    approvalPolicy: options.policy ?? 'untrusted',
    sandboxMode: 'workspace-write',
    model: MODEL,
  });
  return { backend, sandbox, worktree, record };
}

function completedItems(events: BackendEvent[]): BackendItem[] {
  return events.flatMap((event) => (event.type === 'item/completed' ? [event.item] : []));
}

function modelCallsSince(count: number) {
  return server.requests.slice(count).filter((request) => request.api === 'anthropic');
}

describe('Claude Code backend against the real CLI (agent SDK)', () => {
  it('says clearly when a stored session cannot be resumed, and stops its process', async () => {
    const worktree = threadWorktree();
    const sandbox = createClaudeSandbox(temp, proxy.url);
    sandboxes.push(sandbox);
    const backend = new ClaudeBackend({
      hooks: recordingClaudeHooks(() => 'decline').hooks,
      base: sandbox.env,
      apiKey: SCRIPTED_ANTHROPIC_KEY,
      baseUrl: server.url,
      configDir: sandbox.configDir,
      settingSources: [],
    });
    backends.push(backend);
    await expect(
      backend.start({
        worktreePath: worktree,
        resumeSessionId: '0f1e2d3c-0000-4000-8000-000000000000',
        approvalPolicy: 'untrusted',
        sandboxMode: 'workspace-write',
        model: MODEL,
      }),
    ).rejects.toThrow(/could not resume its session 0f1e2d3c-.*No conversation found/);
    expect(backend.status).toBe('exited');
    await expect(backend.sendMessage('hello')).rejects.toThrow(/not running/);
  });

  it('asks before an edit; approving it edits the worktree and the items map to ours', async () => {
    const before = server.requests.length;
    const { backend, worktree, record } = await startBackend({ decide: () => 'approve_once' });
    const file = join(worktree, 'a.txt');
    server.script([
      { toolCalls: [{ id: 'toolu_read', name: 'Read', arguments: { file_path: file } }] },
      {
        reasoning: ['Let me ', 'edit it.'],
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
    const { backendTurnId } = await backend.sendMessage('Change one to two in a.txt');
    const end = await record.turnCompleted(backendTurnId);

    expect(end.outcome).toBe('completed');
    expect(end.costUsd).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(record.approvals).toHaveLength(1);
    expect(record.approvals[0]).toMatchObject({
      backendTurnId,
      backendItemId: 'toolu_edit',
      kind: 'patch',
      tool: 'Edit',
      cwd: worktree,
    });
    expect(record.approvals[0]!.patch).toBe('--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n');

    const items = completedItems(record.events);
    expect(items.map((item) => item.fields.kind)).toEqual([
      'tool_call',
      'reasoning',
      'file_change',
      'agent_message',
    ]);
    expect(items[0]).toMatchObject({ status: 'completed', fields: { kind: 'tool_call', tool: 'Read' } });
    expect(items[1]!.fields).toEqual({ kind: 'reasoning', text: 'Let me edit it.' });
    expect(items[2]).toMatchObject({ backendItemId: 'toolu_edit', status: 'completed' });
    expect(items[2]!.fields.kind === 'file_change' && items[2]!.fields.changes).toEqual([
      { kind: 'update', path: 'a.txt', movePath: null, diff: '@@ -1 +1 @@\n-one\n+two\n' },
    ]);
    expect(items[3]!.fields).toEqual({ kind: 'agent_message', text: 'Changed a.txt.' });
    const deltas = record.events.filter((event) => event.type === 'item/delta');
    expect(new Set(deltas.map((event) => event.type === 'item/delta' && event.stream))).toEqual(
      new Set(['text', 'reasoning']),
    );
    expect(record.events.filter((event) => event.type === 'usage')).toHaveLength(3);
    expect(record.events.map((event) => event.type === 'status' && event.status).filter(Boolean)).toEqual([
      'idle',
      'working',
      'waiting_approval',
      'working',
      'idle',
    ]);

    const calls = modelCallsSince(before);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.apiKey).toBe(SCRIPTED_ANTHROPIC_KEY);
    expect(calls[0]!.model).toBe(MODEL);
    expect(
      calls[2]!.messages.some((message) => message.role === 'tool' && message.toolCallId === 'toolu_edit'),
    ).toBe(true);
  });

  it('declining a command keeps the worktree as it was and tells the model', async () => {
    const before = server.requests.length;
    const { backend, worktree, record } = await startBackend({ decide: () => 'decline' });
    server.script([
      {
        toolCalls: [
          {
            id: 'toolu_cmd',
            name: 'Bash',
            arguments: { command: 'printf three > a.txt && echo wrote', description: 'Write three' },
          },
        ],
      },
      { text: 'I did not change it.' },
    ]);
    const { backendTurnId } = await backend.sendMessage('Write three into a.txt');
    expect((await record.turnCompleted(backendTurnId)).outcome).toBe('completed');

    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('one\n');
    expect(record.approvals).toHaveLength(1);
    expect(record.approvals[0]).toMatchObject({
      kind: 'command',
      tool: 'Bash',
      command: 'printf three > a.txt && echo wrote',
      backendItemId: 'toolu_cmd',
    });
    const command = completedItems(record.events).find((item) => item.fields.kind === 'command');
    expect(command).toMatchObject({
      backendItemId: 'toolu_cmd',
      status: 'declined',
      fields: { kind: 'command', reason: 'Write three', exitCode: null },
    });
    const calls = modelCallsSince(before);
    expect(calls[1]!.messages.find((message) => message.toolCallId === 'toolu_cmd')?.text).toMatch(
      /declined/,
    );
  });

  it('runs an approved command, then resumes the session in a new process with its history', async () => {
    server.script([
      {
        toolCalls: [
          { id: 'toolu_run', name: 'Bash', arguments: { command: 'printf two > a.txt && echo wrote' } },
        ],
      },
      { text: 'Done.' },
    ]);
    const first = await startBackend({ decide: () => 'approve_for_thread' });
    const sessionId = first.backend.sessionId!;
    const pid = first.backend.pid!;
    const turn = await first.backend.sendMessage('Please write two into a.txt');
    expect((await first.record.turnCompleted(turn.backendTurnId)).outcome).toBe('completed');
    expect(readFileSync(join(first.worktree, 'a.txt'), 'utf8')).toBe('two');
    const command = completedItems(first.record.events).find((item) => item.fields.kind === 'command');
    expect(command).toMatchObject({
      status: 'completed',
      fields: { kind: 'command', command: 'printf two > a.txt && echo wrote', exitCode: 0, output: 'wrote' },
    });
    await first.backend.dispose();
    expect(first.backend.status).toBe('exited');
    expect(() => process.kill(pid, 0)).toThrow();
    expect(processesWith(first.sandbox.configDir)).toEqual([]);

    const before = server.requests.length;
    server.script([{ text: 'Still here.' }]);
    const second = await startBackend({
      resume: { sandbox: first.sandbox, worktree: first.worktree, sessionId },
    });
    expect(second.backend.sessionId).toBe(sessionId);
    const next = await second.backend.sendMessage('What did you do before?');
    expect((await second.record.turnCompleted(next.backendTurnId)).outcome).toBe('completed');
    const [call] = modelCallsSince(before);
    const texts = call!.messages.map((message) => message.text);
    // Claude Code prefixes the session's first message with its own context (system reminders).
    expect(texts.some((text) => text.endsWith('Please write two into a.txt'))).toBe(true);
    expect(texts).toContain('Done.');
    expect(texts.at(-1)).toBe('What did you do before?');
    expect(call!.messages.some((message) => message.toolCallId === 'toolu_run')).toBe(true);
  });

  it('steers a running turn into the same turn and interrupts another', async () => {
    const before = server.requests.length;
    const { backend, record } = await startBackend();
    server.script([
      { text: ['Working', ' on', ' it', '.'], chunkDelayMs: 300 },
      { text: 'Steered.' },
      { text: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], chunkDelayMs: 1_000 },
    ]);
    const first = await backend.sendMessage('Start working');
    await record.next((event) => event.type === 'item/delta');
    await backend.steer('Also mention the steer');
    await expect(backend.sendMessage('Not now')).rejects.toThrow(/steer it or interrupt it/);
    expect((await record.turnCompleted(first.backendTurnId)).outcome).toBe('completed');
    const turnEnds = record.events.filter((event) => event.type === 'turn/completed');
    expect(turnEnds).toHaveLength(1);
    const texts = completedItems(record.events).map(
      (item) => item.fields.kind === 'agent_message' && item.fields.text,
    );
    expect(texts).toEqual(['Working on it.', 'Steered.']);
    const steered = modelCallsSince(before)[1]!;
    expect(steered.messages.map((message) => message.text)).toContain('Also mention the steer');

    const second = await backend.sendMessage('Go slowly');
    await record.next((event) => event.type === 'item/delta' && event.backendTurnId === second.backendTurnId);
    await backend.interrupt();
    expect((await record.turnCompleted(second.backendTurnId)).outcome).toBe('interrupted');
    expect(backend.status).toBe('idle');
  });

  it('answering abort_turn stops the turn before the command runs', async () => {
    const before = server.requests.length;
    const { backend, worktree, record } = await startBackend({ decide: () => 'abort_turn' });
    server.script([
      { toolCalls: [{ id: 'toolu_stop', name: 'Bash', arguments: { command: 'printf four > a.txt' } }] },
    ]);
    const { backendTurnId } = await backend.sendMessage('Write four into a.txt');
    const end = await record.turnCompleted(backendTurnId);
    expect(end.outcome).toBe('interrupted');
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('one\n');
    // Claude went back to the model no more after the abort.
    expect(modelCallsSince(before)).toHaveLength(1);
    const command = completedItems(record.events).find((item) => item.fields.kind === 'command');
    expect(command?.status).toBe('declined');
    expect(backend.status).toBe('idle');
  });

  it('under the never policy edits run unasked and commands are refused unasked', async () => {
    const { backend, worktree, record } = await startBackend({
      policy: 'never',
      decide: () => 'approve_once',
    });
    const file = join(worktree, 'a.txt');
    server.script([
      { toolCalls: [{ id: 'toolu_r', name: 'Read', arguments: { file_path: file } }] },
      {
        toolCalls: [
          {
            id: 'toolu_w',
            name: 'Edit',
            arguments: { file_path: file, old_string: 'one', new_string: 'two' },
          },
        ],
      },
      // acceptEdits lets plain file commands (printf > file) run in the worktree; a program does not.
      {
        toolCalls: [
          {
            id: 'toolu_x',
            name: 'Bash',
            arguments: { command: `node -e "require('fs').writeFileSync('a.txt', 'three')"` },
          },
        ],
      },
      { text: 'Edited; the command was refused.' },
    ]);
    const { backendTurnId } = await backend.sendMessage('Edit, then run a command');
    expect((await record.turnCompleted(backendTurnId)).outcome).toBe('completed');
    expect(record.approvals).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    const items = completedItems(record.events);
    expect(items.find((item) => item.backendItemId === 'toolu_w')?.status).toBe('completed');
    expect(items.find((item) => item.backendItemId === 'toolu_x')?.status).toBe('failed');
  });
});
