import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { linesWith } from '../support/conflict-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';
import { writeIn } from '../support/review-thread';

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

function lastToolResult(request: RecordedRequest | undefined): string {
  return (request?.messages ?? []).filter((message) => message.role === 'tool').at(-1)?.text ?? '';
}

async function readyThread(projectId: string, title: string): Promise<Thread> {
  const started = await test.client.api.thread.start({ projectId, title });
  return test.waitFor(() => {
    const last = test
      .of('thread/updated')
      .filter((entry) => entry.thread.id === started.id)
      .at(-1)?.thread;
    return last?.status === 'ready' ? last : undefined;
  }, `${title} to be ready`);
}

describe('thread_overlaps agent tool', () => {
  it('tells the agent which other threads touch and conflict with its files', async () => {
    const files = { 'shared.txt': linesWith(30), 'notes.txt': 'notes\n' };
    const { thread, projectId } = await createAgentThread(test, dirs, files);
    const rival = await readyThread(projectId, 'Rival');
    const neighbour = await readyThread(projectId, 'Neighbour');
    writeIn(thread.worktreePath, 'shared.txt', linesWith(30, { 5: 'agent edit' }));
    writeIn(rival.worktreePath, 'shared.txt', linesWith(30, { 5: 'rival edit' }));
    writeIn(neighbour.worktreePath, 'shared.txt', linesWith(30, { 28: 'neighbour edit' }));

    server.script([
      { toolCalls: [{ id: 'call_overlaps', name: 'thread_overlaps', arguments: {} }] },
      { text: 'I will stay clear of line 5.' },
    ]);
    await test.client.api.turn.start({
      threadId: thread.id,
      message: 'Check for collisions',
      provider: 'openai',
    });
    const done = await test.turnCompleted(thread.id);
    expect(done.status).toBe('completed');

    const answer = lastToolResult(server.requests[1]);
    expect(answer).toContain('You changed 1 file(s) against the base: shared.txt.');
    expect(answer).toContain(`CONFLICT with "Rival" (branch ${rival.branch}) in shared.txt`);
    expect(answer).toContain(`Overlap with "Neighbour" (branch ${neighbour.branch}): both change shared.txt`);

    // The same answer for the UI and MCP.
    const overlaps = await test.client.api.conflicts.overlaps({ threadId: thread.id });
    expect(overlaps.touched).toEqual(['shared.txt']);
    expect(overlaps.others).toEqual(
      expect.arrayContaining([
        {
          threadId: rival.id,
          title: 'Rival',
          branch: rival.branch,
          files: ['shared.txt'],
          conflicts: ['shared.txt'],
        },
        {
          threadId: neighbour.id,
          title: 'Neighbour',
          branch: neighbour.branch,
          files: ['shared.txt'],
          conflicts: [],
        },
      ]),
    );
    expect(overlaps.others).toHaveLength(2);
    const { items } = await test.transcript(thread.id);
    expect(items.some((item) => item.kind === 'tool_call' && item.status === 'completed')).toBe(true);
  });
});
