import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { commitIn, headOf, readIn, setIdentity, threeLines } from '../support/rebase-fixtures';
import { rpcFailure } from '../support/threads-host';

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

/** A ready agent thread whose commit conflicts with a commit that landed on the base. */
async function conflictingAgentThread() {
  const made = await createAgentThread(test, dirs, { 'app.ts': threeLines('two'), 'README.md': '# demo\n' });
  setIdentity(made.repo);
  commitIn(made.thread.worktreePath, 'Thread edit', { 'app.ts': threeLines('THREAD') });
  made.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });
  return made;
}

describe('handing a rebase conflict to the thread agent', () => {
  it('sends the conflicted files to the agent, whose edits then resolve and finish the rebase', async () => {
    const { thread } = await conflictingAgentThread();
    const worktree = thread.worktreePath;
    const rebase = test.client.api.rebase;
    const stopped = await rebase.start({ threadId: thread.id });
    expect(stopped.conflicts.map((file) => file.path)).toEqual(['app.ts']);

    const working = readIn(worktree, 'app.ts');
    const patch = [
      '*** Begin Patch',
      '*** Update File: app.ts',
      '@@',
      ' one',
      ...working
        .split('\n')
        .slice(1, 6)
        .map((line) => `-${line}`),
      '+BASE and THREAD',
      ' three',
      '*** End Patch',
    ].join('\n');
    server.script([
      { toolCalls: [{ id: 'call_patch', name: 'apply_patch', arguments: { patch } }] },
      { text: 'Resolved app.ts, keeping both lines.' },
    ]);

    const { turnId } = await rebase.askAgent({ threadId: thread.id, note: 'Keep both lines.' });
    const done = await test.turnCompleted(thread.id);
    expect(done.id).toBe(turnId);
    expect(done.status).toBe('completed');

    const asked =
      server.requests[0]?.messages.filter((message) => message.role === 'user').at(-1)?.text ?? '';
    expect(asked).toContain('- app.ts (both sides changed it)');
    expect(asked).toContain(`onto main`);
    expect(asked).toContain('"Thread edit"');
    expect(asked).toContain('Note from the user: Keep both lines.');
    expect(asked).toMatch(/Do not run git commands that change the index, refs or history/);
    expect(readIn(worktree, 'app.ts')).toBe('one\nBASE and THREAD\nthree\n');

    // The agent only edited the file: it is still in conflict for git until it is marked resolved.
    expect((await rebase.status({ threadId: thread.id })).conflicts).toHaveLength(1);
    const resolved = await rebase.resolve({ threadId: thread.id, path: 'app.ts' });
    expect(resolved.conflicts).toEqual([]);
    const finished = await rebase.continue({ threadId: thread.id });
    expect(finished.inProgress).toBe(false);
    expect(headOf(worktree, 'HEAD^')).toBe(headOf(worktree, 'main'));
    expect(readIn(worktree, 'app.ts')).toBe('one\nBASE and THREAD\nthree\n');
  });

  it('refuses to start a rebase while the agent has a turn running', async () => {
    const { thread } = await conflictingAgentThread();
    const rebase = test.client.api.rebase;
    server.script([{ text: ['still ', 'thinking'], chunkDelayMs: 1_500 }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Think a while' });
    await test.threadStatus(thread.id, 'working');
    const head = headOf(thread.worktreePath);

    const refused = await rpcFailure(rebase.start({ threadId: thread.id }));
    expect(refused.kind).toBe('INVALID_STATE');
    expect(refused.message).toMatch(/agent of .* is working.*Wait for its turn to end, or interrupt it/);
    expect(headOf(thread.worktreePath)).toBe(head);
    expect((await rebase.status({ threadId: thread.id })).inProgress).toBe(false);
    await test.client.api.turn.interrupt({ threadId: thread.id });
    await test.turnCompleted(thread.id);
    // Once the turn is over the same rebase starts.
    expect((await rebase.start({ threadId: thread.id })).inProgress).toBe(true);
  });
});
