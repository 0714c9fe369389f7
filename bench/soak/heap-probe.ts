/**
 * Where soak growth comes from: the host in this process (so the heap can be collected and read),
 * a few threads running the soak's scripted turns; prints heap used after a forced collection every
 * SKEIN_PROBE_EVERY turns. Run: `npx tsx bench/soak/heap-probe.ts` (SKEIN_PROBE_TURNS, SKEIN_PROBE_THREADS).
 */
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createChannelPair, createRpcClient, type Thread } from '../../src-shared/contract';
import { createHost } from '../../src-main/host/create-host';
import { agentEnv } from '../../test/support/agent-host';
import { createRepo, TempDirs } from '../../test/support/git-repo';
import { startModelServer, type RecordedRequest } from '../../test/support/model-server';
import { soakMessage, soakReply } from './soak-script';

const THREADS = Number(process.env.SKEIN_PROBE_THREADS ?? 4);
const TURNS = Number(process.env.SKEIN_PROBE_TURNS ?? 60);
const EVERY = Number(process.env.SKEIN_PROBE_EVERY ?? 10);
const SNAPSHOTS = process.env.SKEIN_PROBE_SNAPSHOTS ?? '';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  for (let i = 0; i < 3; i += 1) collect();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
};

const dirs = new TempDirs();
const model = await startModelServer();
model.script(soakReply);
const host = await createHost({
  dataDir: dirs.make('skein-probe-data-'),
  shell: '/bin/sh',
  agents: { env: agentEnv(model, dirs) },
});
const [hostSide, clientSide] = createChannelPair();
host.connect(hostSide);
// No notification is kept: only the host's own memory grows in this process.
const test = { client: createRpcClient(clientSide) };
try {
  const repo = createRepo(dirs, { files: { 'README.md': '# probe\n' } });
  const project = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  await test.client.api.agent.setSettings({
    scope: 'user',
    settings: { approvalPolicy: 'never', sandboxMode: 'workspace-write' },
  });
  const threads: Thread[] = [];
  for (let i = 0; i < THREADS; i += 1) {
    let thread = await test.client.api.thread.start({ projectId: project.id, title: `Probe ${i}` });
    while (thread.status !== 'ready') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      thread = await test.client.api.thread.get({ threadId: thread.id });
    }
    threads.push(thread);
  }
  const waiters = new Map<string, () => void>();
  test.client.on('turn/completed', ({ turn }) => waiters.get(turn.threadId)?.());
  let done = 0;
  process.stdout.write(`turns 0: heap ${heapMb()} MB\n`);
  for (let round = 1; done < TURNS; round += 1) {
    await Promise.all(
      threads.map(async (thread, index) => {
        const completed = new Promise<void>((resolve) => waiters.set(thread.id, resolve));
        await test.client.api.turn.start({
          threadId: thread.id,
          message: soakMessage(index, round),
          provider: 'openai',
        });
        await completed;
      }),
    );
    done += THREADS;
    // The scripted server records every request; it runs in this process, so its record is cleared.
    (model.requests as RecordedRequest[]).splice(0);
    if (done % EVERY < THREADS) {
      process.stdout.write(
        `turns ${done}: heap ${heapMb()} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`,
      );
      if (SNAPSHOTS)
        process.stdout.write(`snapshot ${writeHeapSnapshot(`${SNAPSHOTS}/probe-${done}.heapsnapshot`)}\n`);
    }
  }
} finally {
  test.client.close();
  await host.dispose();
  await model.close();
  dirs.cleanup();
}
