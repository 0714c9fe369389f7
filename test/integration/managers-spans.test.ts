import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPair, createRpcClient, type RpcClient, type Turn } from '../../src-shared/contract';
import type { ManagerSpan } from '../../src-main/core/managers';
import { createHost, type Host } from '../../src-main/host/create-host';
import { agentEnv } from '../support/agent-host';
import { TempDirs, createRepo } from '../support/git-repo';
import { RoleScript, startedWorkers } from '../support/manager-fixtures';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let script: RoleScript;
let host: Host;
let client: RpcClient;
const spans: ManagerSpan[] = [];
const completed: Turn[] = [];

beforeEach(async () => {
  server = await startModelServer();
  script = new RoleScript();
  server.script(script.responder);
  spans.length = 0;
  completed.length = 0;
  host = await createHost({
    dataDir: dirs.make('skein-manager-data-'),
    shell: '/bin/sh',
    agents: { env: agentEnv(server, dirs) },
    managers: { recordSpan: (span) => spans.push(span) },
  });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  client = createRpcClient(clientSide);
  client.on('turn/completed', ({ turn }) => completed.push(turn));
});
afterEach(async () => {
  client.close();
  await host.dispose();
  await server.close();
  dirs.cleanup();
});

async function turnCompleted(threadId: string): Promise<Turn> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const turn = completed.find((entry) => entry.threadId === threadId);
    if (turn) return turn;
    if (Date.now() > deadline) throw new Error(`No turn of ${threadId} completed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function idOf(request: RecordedRequest | undefined, title: string): string {
  const id = request ? startedWorkers(request).get(title) : undefined;
  if (!id) throw new Error(`No worker "${title}" in the manager's conversation`);
  return id;
}

describe('manager threads: spans for the traces', () => {
  it("records each worker's life on the manager's thread and each hand-back on the worker's", async () => {
    const repo = createRepo(dirs);
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    script.queue('keeper', [
      { toolCalls: [{ name: 'hand_back', arguments: { summary: 'All yours.' } }] },
      { text: 'Done.' },
    ]);
    script.queue('dropper', [{ text: 'I looked around.' }]);
    script.queue('manager', [
      {
        toolCalls: [
          { name: 'start_worker', arguments: { title: 'Keeper', task: '[role:keeper] Keep' } },
          { name: 'start_worker', arguments: { title: 'Dropper', task: '[role:dropper] Drop' } },
        ],
      },
      { toolCalls: [{ name: 'wait_for_workers', arguments: { mode: 'all', timeout_seconds: 60 } }] },
      (request) => ({
        toolCalls: [{ name: 'stop_worker', arguments: { thread_id: idOf(request, 'Dropper') } }],
      }),
      { text: 'Kept one, dropped one.' },
    ]);
    const { thread } = await client.api.manager.start({
      projectId: project.id,
      title: 'Traced',
      task: '[role:manager] Two workers',
    });
    const managerTurn = await turnCompleted(thread.id);
    expect(managerTurn.status).toBe('completed');
    const last = script.of('manager')[3];
    const keeper = idOf(last, 'Keeper');
    const dropper = idOf(last, 'Dropper');

    const workerSpans = spans.filter((span) => span.kind === 'worker');
    expect(
      workerSpans.map((span) => [span.attributes.workerThreadId, span.attributes.endedBy]).sort(),
    ).toEqual(
      [
        [dropper, 'stopped'],
        [keeper, 'handed_back'],
      ].sort(),
    );
    for (const span of workerSpans) {
      expect(span.threadId).toBe(thread.id);
      expect(span.turnId).toBe(managerTurn.id);
      expect(span.endedAt).toBeGreaterThanOrEqual(span.startedAt);
    }
    const handoffs = spans.filter((span) => span.kind === 'handoff');
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]?.threadId).toBe(keeper);
    expect(handoffs[0]?.attributes.managerThreadId).toBe(thread.id);
    expect(handoffs[0]?.turnId).toBe((await turnCompleted(keeper)).id);
    // Prompts and summaries stay out of spans: only their size is kept.
    expect(JSON.stringify(spans)).not.toContain('All yours.');
  });
});
