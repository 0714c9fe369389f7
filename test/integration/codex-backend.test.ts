import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecision } from '../../src-shared/contract';
import {
  CodexBackend,
  findCodexBinary,
  MIN_CODEX_VERSION,
  type BackendApprovalRequest,
  type BackendEvent,
  type BackendItem,
  type CodexBinary,
} from '../../src-main/core/agents/backends';
import {
  CODEX_BIN,
  SCRIPTED_KEY,
  createCodexSandbox,
  recordingHooks,
  startTripwireProxy,
  type CodexSandbox,
  type TripwireProxy,
} from '../support/codex-backend-fixtures';
import { TempDirs, createRepo, git } from '../support/git-repo';
import { startModelServer, type ModelServer, type ScriptedReply } from '../support/model-server';

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
let binary: CodexBinary;
const temp = new TempDirs();
const backends: CodexBackend[] = [];

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startTripwireProxy();
  binary = await findCodexBinary({ configuredPath: CODEX_BIN });
});

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.dispose();
  temp.cleanup();
});

afterAll(async () => {
  // Nothing Codex did may have left the machine: every request went to the scripted server.
  expect(proxy.attempts).toEqual([]);
  expect(server.requests.every((request) => request.path.startsWith('/v1/'))).toBe(true);
  await proxy.close();
  await server.close();
});

/** A repository with a.txt and a linked worktree on its own branch, as Skein gives a thread. */
function threadWorktree(): string {
  const repo = createRepo(temp, { files: { 'a.txt': 'one\n' } });
  const worktree = join(temp.make('skein-wt-'), 'thread');
  git(repo.path, ['worktree', 'add', '--quiet', '-b', 'skein/codex-thread', worktree]);
  return worktree;
}

interface Harness {
  backend: CodexBackend;
  sandbox: CodexSandbox;
  worktree: string;
  record: ReturnType<typeof recordingHooks>;
}

async function startBackend(
  options: {
    policy?: 'untrusted' | 'on-request' | 'never';
    decide?: (request: BackendApprovalRequest) => ApprovalDecision;
    resume?: { sandbox: CodexSandbox; worktree: string; sessionId: string };
  } = {},
): Promise<Harness> {
  const worktree = options.resume?.worktree ?? threadWorktree();
  const sandbox = options.resume?.sandbox ?? createCodexSandbox(temp, server.url, proxy.url);
  const record = recordingHooks(options.decide ?? (() => 'decline'));
  const backend = new CodexBackend({
    binary,
    hooks: record.hooks,
    codexHome: sandbox.codexHome,
    env: sandbox.env,
  });
  backends.push(backend);
  await backend.start({
    worktreePath: worktree,
    resumeSessionId: options.resume?.sessionId ?? null,
    approvalPolicy: options.policy ?? 'never',
    sandboxMode: 'workspace-write',
    model: null,
  });
  return { backend, sandbox, worktree, record };
}

function completedItems(events: BackendEvent[]): BackendItem[] {
  return events.flatMap((event) => (event.type === 'item/completed' ? [event.item] : []));
}

function modelRequestsSince(count: number) {
  return server.requests.slice(count).filter((request) => request.api === 'responses');
}

describe('Codex backend against the real codex app-server', () => {
  it('finds codex, reads its version and refuses an older one', async () => {
    expect(binary.version).toBe(MIN_CODEX_VERSION);
    const found = await findCodexBinary({ searchPath: dirname(CODEX_BIN) });
    expect(found.path).toBe(CODEX_BIN);
    const old = join(temp.make('skein-old-codex-'), 'codex');
    writeFileSync(old, '#!/bin/sh\necho "codex-cli 0.100.0"\n');
    chmodSync(old, 0o755);
    await expect(findCodexBinary({ configuredPath: old })).rejects.toThrow(/0\.100\.0 .* too old/);
    await expect(findCodexBinary({ searchPath: temp.make('skein-empty-path-') })).rejects.toThrow(
      /not installed or not on your PATH/,
    );
  });

  it('says clearly when a stored session cannot be resumed, and stops its process', async () => {
    const worktree = threadWorktree();
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    const record = recordingHooks(() => 'decline');
    const backend = new CodexBackend({
      binary,
      hooks: record.hooks,
      codexHome: sandbox.codexHome,
      env: sandbox.env,
    });
    backends.push(backend);
    await expect(
      backend.start({
        worktreePath: worktree,
        resumeSessionId: '01a20000-0000-7000-8000-000000000000',
        approvalPolicy: 'never',
        sandboxMode: 'workspace-write',
        model: null,
      }),
    ).rejects.toThrow(/Codex could not resume its session 01a20000-0000-7000-8000-000000000000/);
    expect(backend.status).toBe('exited');
    await expect(backend.sendMessage('hello')).rejects.toThrow(/not running/);
  });

  it('asks before a patch; approving it edits the worktree and the items map to ours', async () => {
    const before = server.requests.length;
    server.script([
      {
        reasoning: ['Let me ', 'edit it.'],
        toolCalls: [{ id: 'call_patch', name: 'exec_command', arguments: { cmd: PATCH_A } }],
      },
      { text: ['Changed ', 'a.txt.'] },
    ] satisfies ScriptedReply[]);
    const { backend, worktree, record } = await startBackend({
      policy: 'untrusted',
      decide: () => 'approve_once',
    });
    const { backendTurnId } = await backend.sendMessage('Change one to two in a.txt');
    const end = await record.turnCompleted(backendTurnId);

    expect(end.outcome).toBe('completed');
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('two\n');
    expect(record.approvals).toHaveLength(1);
    expect(record.approvals[0]).toMatchObject({
      kind: 'patch',
      tool: 'apply_patch',
      backendItemId: 'call_patch',
    });
    expect(record.approvals[0]!.patch).toContain('+two');

    const items = completedItems(record.events);
    expect(items.map((item) => item.fields.kind)).toEqual(['reasoning', 'file_change', 'agent_message']);
    expect(items[0]!.fields).toEqual({ kind: 'reasoning', text: 'Let me edit it.' });
    expect(items[1]).toMatchObject({ status: 'completed', fields: { kind: 'file_change', error: null } });
    expect(items[1]!.fields.kind === 'file_change' && items[1]!.fields.changes).toEqual([
      { kind: 'update', path: 'a.txt', movePath: null, diff: '@@ -1 +1 @@\n-one\n+two\n' },
    ]);
    expect(items[2]!.fields).toEqual({ kind: 'agent_message', text: 'Changed a.txt.' });
    const deltas = record.events.filter((event) => event.type === 'item/delta');
    expect(deltas.map((event) => event.type === 'item/delta' && event.stream)).toContain('text');
    expect(record.events.filter((event) => event.type === 'usage')).toHaveLength(2);
    expect(record.events.map((event) => event.type === 'status' && event.status).filter(Boolean)).toEqual([
      'idle',
      'working',
      'waiting_approval',
      'working',
      'idle',
    ]);

    const calls = modelRequestsSince(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.apiKey).toBe(SCRIPTED_KEY);
    expect(
      calls[1]!.messages.some((message) => message.role === 'tool' && message.toolCallId === 'call_patch'),
    ).toBe(true);
  });

  it('declining a command keeps the worktree as it was and tells the model', async () => {
    const before = server.requests.length;
    server.script([
      {
        toolCalls: [
          { id: 'call_cmd', name: 'exec_command', arguments: { cmd: 'printf three > a.txt && echo wrote' } },
        ],
      },
      { text: 'I did not change it.' },
    ]);
    const { backend, worktree, record } = await startBackend({
      policy: 'untrusted',
      decide: () => 'decline',
    });
    const { backendTurnId } = await backend.sendMessage('Write three into a.txt');
    expect((await record.turnCompleted(backendTurnId)).outcome).toBe('completed');

    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('one\n');
    expect(record.approvals).toHaveLength(1);
    expect(record.approvals[0]).toMatchObject({
      kind: 'command',
      command: 'printf three > a.txt && echo wrote',
      cwd: worktree,
    });
    const command = completedItems(record.events).find((item) => item.fields.kind === 'command');
    expect(command).toMatchObject({ backendItemId: 'call_cmd', status: 'declined' });
    const calls = modelRequestsSince(before);
    expect(calls[1]!.messages.find((message) => message.toolCallId === 'call_cmd')?.text).toMatch(/reject/i);
  });

  it('runs a sandboxed command, then resumes the session in a new process with its history', async () => {
    server.script([
      {
        toolCalls: [
          { id: 'call_run', name: 'exec_command', arguments: { cmd: 'printf two > a.txt && echo wrote' } },
        ],
      },
      { text: 'Done.' },
    ]);
    const first = await startBackend();
    const sessionId = first.backend.sessionId!;
    const turn = await first.backend.sendMessage('Please write two into a.txt');
    expect((await first.record.turnCompleted(turn.backendTurnId)).outcome).toBe('completed');
    expect(readFileSync(join(first.worktree, 'a.txt'), 'utf8')).toBe('two');
    const command = completedItems(first.record.events).find((item) => item.fields.kind === 'command');
    expect(command).toMatchObject({
      status: 'completed',
      fields: { kind: 'command', command: 'printf two > a.txt && echo wrote', exitCode: 0 },
    });
    expect(command!.fields.kind === 'command' && command!.fields.output).toContain('wrote');
    await first.backend.dispose();
    expect(first.backend.status).toBe('exited');

    const before = server.requests.length;
    server.script([{ text: 'Still here.' }]);
    const second = await startBackend({
      resume: { sandbox: first.sandbox, worktree: first.worktree, sessionId },
    });
    expect(second.backend.sessionId).toBe(sessionId);
    const next = await second.backend.sendMessage('What did you do before?');
    expect((await second.record.turnCompleted(next.backendTurnId)).outcome).toBe('completed');
    const [call] = modelRequestsSince(before);
    const texts = call!.messages.map((message) => message.text);
    expect(texts).toContain('Please write two into a.txt');
    expect(texts).toContain('Done.');
    expect(texts).toContain('What did you do before?');
    expect(call!.messages.some((message) => message.toolCallId === 'call_run')).toBe(true);
  });

  it('steers a running turn and interrupts another', async () => {
    const before = server.requests.length;
    server.script([
      { text: ['Working', ' on', ' it', '.'], chunkDelayMs: 150 },
      { text: 'Steered.' },
      { text: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], chunkDelayMs: 1_000 },
    ]);
    const { backend, record } = await startBackend();
    const first = await backend.sendMessage('Start working');
    await record.next((event) => event.type === 'item/delta');
    await backend.steer('Also mention the steer');
    await expect(backend.sendMessage('Not now')).rejects.toThrow(/steer it or interrupt it/);
    expect((await record.turnCompleted(first.backendTurnId)).outcome).toBe('completed');
    const steered = modelRequestsSince(before)[1]!;
    expect(steered.messages.map((message) => message.text)).toContain('Also mention the steer');

    const second = await backend.sendMessage('Go slowly');
    await record.next((event) => event.type === 'item/delta' && event.backendTurnId === second.backendTurnId);
    await backend.interrupt();
    expect((await record.turnCompleted(second.backendTurnId)).outcome).toBe('interrupted');
    expect(backend.status).toBe('idle');
  });
});
