import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, PROVIDERS, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let dataDir: string;

beforeEach(async () => {
  server = await startModelServer();
  dataDir = dirs.make('skein-agent-data-');
  test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

function lastToolResult(request: RecordedRequest | undefined): string {
  return (request?.messages ?? []).filter((message) => message.role === 'tool').at(-1)?.text ?? '';
}

const shell = (id: string, command: string, extra: Record<string, unknown> = {}) => ({
  toolCalls: [{ id, name: 'shell', arguments: { command, ...extra } }],
});

describe.each(PROVIDERS)('approvals over %s', (provider) => {
  it('on-request: asks to leave the sandbox, runs once approved, and survives a host restart', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      shell('call_escalate', 'echo outside > escalated.txt', {
        escalate: true,
        justification: 'Needs to write freely',
      }),
      { text: 'Done outside the sandbox.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Do it', provider });
    const approval = await test.approvalRequested(thread.id);
    expect(approval).toMatchObject({
      kind: 'command',
      tool: 'shell',
      command: 'echo outside > escalated.txt',
      reason: 'Needs to write freely',
      status: 'pending',
    });
    expect(approval.cwd).toBe(thread.worktreePath);
    expect(approval.policyReason).toContain('outside the sandbox');
    await test.threadStatus(thread.id, 'waiting_approval');
    expect(existsSync(join(thread.worktreePath, 'escalated.txt'))).toBe(false);

    // The host goes away while the question is open; a new one on the same data still has it.
    await test.close();
    test = await AgentTestHost.start(dataDir, agentEnv(server, dirs));
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('waiting_approval');
    const { approvals } = await test.client.api.approval.list({});
    expect(approvals.map((entry) => entry.id)).toEqual([approval.id]);
    await rpcFailure(test.client.api.turn.start({ threadId: thread.id, message: 'Another', provider }));

    const { approval: answered } = await test.client.api.approval.respond({
      approvalId: approval.id,
      decision: 'approve_once',
    });
    expect(answered).toMatchObject({ status: 'approved', decision: 'approve_once' });
    const done = await test.turnCompleted(thread.id);
    expect(done.status).toBe('completed');
    expect(readFileSync(join(thread.worktreePath, 'escalated.txt'), 'utf8')).toBe('outside\n');
    expect(lastToolResult(server.requests[1])).toContain('Exit code: 0');
    const command = (await test.transcript(thread.id)).items.find((item) => item.kind === 'command');
    expect(command).toMatchObject({ status: 'completed', sandbox: 'none', exitCode: 0 });
    expect((await test.client.api.approval.list({})).approvals).toEqual([]);
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('done');
  });

  it('decline tells the model; abort ends the turn', async () => {
    const { thread } = await createAgentThread(test, dirs);
    server.script([
      shell('call_one', 'curl https://example.com', { escalate: true }),
      shell('call_two', 'rm -rf build', { escalate: true }),
      { text: 'Understood.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Fetch it', provider });
    const first = await test.approvalRequested(thread.id);
    await test.client.api.approval.respond({
      approvalId: first.id,
      decision: 'decline',
      message: 'No network today',
    });
    const second = await test.approvalRequested(thread.id, 2);
    expect(lastToolResult(server.requests[1])).toContain(
      'The user declined this call; it did not run. They said: No network today',
    );
    await test.client.api.approval.respond({ approvalId: second.id, decision: 'abort_turn' });
    const done = await test.turnCompleted(thread.id);
    expect(done.status).toBe('interrupted');
    expect(server.requests).toHaveLength(2);
    const commands = (await test.transcript(thread.id)).items.filter((item) => item.kind === 'command');
    expect(commands.map((item) => item.status)).toEqual(['declined', 'interrupted']);
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('done');
  });
});

describe('approval policies', () => {
  it('untrusted: known reads run unasked, others ask; "always allow" and "for this thread" stop the asking', async () => {
    const { thread } = await createAgentThread(test, dirs, { 'notes.txt': 'one\n' });
    await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { approvalPolicy: 'untrusted' },
    });
    const patch = (name: string) =>
      ['*** Begin Patch', `*** Add File: ${name}`, '+x', '*** End Patch'].join('\n');
    server.script([
      shell('call_cat', 'cat notes.txt'),
      shell('call_touch', 'touch first.txt'),
      shell('call_touch2', 'touch second.txt'),
      { toolCalls: [{ id: 'call_p1', name: 'apply_patch', arguments: { patch: patch('a.txt') } }] },
      { toolCalls: [{ id: 'call_p2', name: 'apply_patch', arguments: { patch: patch('b.txt') } }] },
      { text: 'All written.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Write files', provider: 'openai' });

    const touch = await test.approvalRequested(thread.id);
    expect(touch).toMatchObject({ command: 'touch first.txt', suggestedPrefix: ['touch'] });
    expect(lastToolResult(server.requests[1])).toContain('one');
    await test.client.api.approval.respond({ approvalId: touch.id, decision: 'always_allow_prefix' });

    const firstPatch = await test.approvalRequested(thread.id, 2);
    expect(firstPatch).toMatchObject({ kind: 'patch', tool: 'apply_patch' });
    expect(firstPatch.patch).toContain('*** Add File: a.txt');
    await test.client.api.approval.respond({ approvalId: firstPatch.id, decision: 'approve_for_thread' });

    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(test.of('approval/requested')).toHaveLength(2);
    for (const file of ['first.txt', 'second.txt', 'a.txt', 'b.txt']) {
      expect(existsSync(join(thread.worktreePath, file))).toBe(true);
    }
    const { rules } = await test.client.api.approval.rules({ threadId: thread.id });
    expect(rules.map((rule) => [rule.kind, rule.prefix, rule.threadId])).toEqual([
      ['command_prefix', ['touch'], null],
      ['thread_patches', [], thread.id],
    ]);
    const prefixRule = rules.find((rule) => rule.kind === 'command_prefix');
    await test.client.api.approval.removeRule({ ruleId: prefixRule?.id ?? '' });
    expect((await test.client.api.approval.rules({})).rules.map((rule) => rule.kind)).toEqual([
      'thread_patches',
    ]);
  });

  it('never: nothing is asked; leaving the sandbox is refused and the model is told', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.agent.setSettings({ scope: 'user', settings: { approvalPolicy: 'never' } });
    server.script([
      shell('call_in', 'echo inside > in.txt'),
      shell('call_out', 'echo out > out.txt', { escalate: true }),
      { text: 'Could not leave the sandbox.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Go', provider: 'openai' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(test.of('approval/requested')).toEqual([]);
    expect(existsSync(join(thread.worktreePath, 'in.txt'))).toBe(true);
    expect(existsSync(join(thread.worktreePath, 'out.txt'))).toBe(false);
    expect(lastToolResult(server.requests[2])).toContain(
      'The command was not run: The approval policy is "never"',
    );
  });

  it('read-only sandbox: file changes need approval, and a sandboxed write fails', async () => {
    const { thread } = await createAgentThread(test, dirs);
    await test.client.api.agent.setSettings({
      scope: 'project',
      threadId: thread.id,
      settings: { sandboxMode: 'read-only' },
    });
    const patch = ['*** Begin Patch', '*** Add File: ro.txt', '+x', '*** End Patch'].join('\n');
    server.script([
      shell('call_write', 'echo x > sandboxed.txt'),
      { toolCalls: [{ id: 'call_patch', name: 'apply_patch', arguments: { patch } }] },
      { text: 'Done.' },
    ]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Try writing', provider: 'openai' });
    const approval = await test.approvalRequested(thread.id);
    expect(approval).toMatchObject({
      kind: 'patch',
      policyReason: expect.stringContaining('read-only') as string,
    });
    expect(lastToolResult(server.requests[1])).not.toContain('Exit code: 0');
    expect(existsSync(join(thread.worktreePath, 'sandboxed.txt'))).toBe(false);
    await test.client.api.approval.respond({ approvalId: approval.id, decision: 'approve_once' });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(existsSync(join(thread.worktreePath, 'ro.txt'))).toBe(true);
  });

  it('the admin requirements file is a floor no layer can go below', async () => {
    const { thread } = await createAgentThread(test, dirs);
    writeFileSync(
      join(dataDir, 'requirements.json'),
      JSON.stringify({ approvalPolicy: 'untrusted', sandboxMode: 'read-only' }),
    );
    const view = await test.client.api.agent.setSettings({
      scope: 'thread',
      threadId: thread.id,
      settings: { approvalPolicy: 'never', sandboxMode: 'danger-full-access', model: 'thread-model' },
    });
    expect(view.admin).toEqual({ approvalPolicy: 'untrusted', sandboxMode: 'read-only' });
    expect(view.effective).toMatchObject({
      approvalPolicy: 'untrusted',
      sandboxMode: 'read-only',
      model: 'thread-model',
    });
    expect(view.effective.sources).toMatchObject({
      approvalPolicy: 'admin',
      sandboxMode: 'admin',
      model: 'thread',
    });

    server.script([shell('call_touch', 'touch x.txt'), { text: 'ok' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'touch', provider: 'openai' });
    const approval = await test.approvalRequested(thread.id);
    expect(approval.policyReason).toContain('untrusted');
    await test.client.api.turn.interrupt({ threadId: thread.id });
    expect((await test.turnCompleted(thread.id)).status).toBe('interrupted');
  });
});
