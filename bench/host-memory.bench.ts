/**
 * What idle threads cost the host: RSS and heap of a host with 32 threads, each with one attached,
 * idle terminal, against the same host with its project added and no threads (measured in the same
 * run). Shell processes are separate processes; their RSS is reported on its own line.
 * Run alone: `npx tsx bench/host-memory.bench.ts` (prints JSON, writes bench/results/host-memory.json).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createChannelPair, createRpcClient, type RpcClient, type Thread } from '../src-shared/contract';
import { createHost } from '../src-main/host/create-host';
import { createRepo, TempDirs } from '../test/support/git-repo';
import type { BenchResult } from './types';
import { runWhenMain } from './support/write-result';

const THREADS = 32;
/** Host growth allowed per idle thread + terminal: a headless 120x30 screen and bookkeeping, not a copy of the repo. */
const PER_THREAD_RSS_GOAL_MB = 3;
/** Time for shells to print their prompt and for the host's timers (snapshots, frames) to go quiet. */
const SETTLE_MS = 3_000;
const SHELL = '/bin/bash';

interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// Collecting garbage before each reading measures what is retained rather than what is merely not collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function settledMemory(): Promise<MemoryFigures> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  for (let i = 0; i < 3; i += 1) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const usage = process.memoryUsage();
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external) };
}

/** Resident memory of a process from /proc (Linux); 0 where unavailable. */
function processRssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startReadyThread(client: RpcClient, projectId: string, title: string): Promise<Thread> {
  const started = await client.api.thread.start({ projectId, title });
  const deadline = Date.now() + 60_000;
  for (let thread = started; ; thread = await client.api.thread.get({ threadId: started.id })) {
    if (thread.status === 'ready') return thread;
    if (!['creating', 'setting_up'].includes(thread.status) || Date.now() > deadline) {
      throw new Error(
        `Thread "${title}" did not become ready: ${thread.status} (${thread.statusDetail ?? 'no detail'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  try {
    const repo = createRepo(dirs, { files: { 'README.md': '# bench\n', 'src/index.ts': 'export {};\n' } });
    const host = await createHost({ dataDir: dirs.make('skein-bench-memory-'), shell: SHELL });
    const [hostSide, clientSide] = createChannelPair();
    host.connect(hostSide);
    const client = createRpcClient(clientSide);
    // The client acks what it receives, as the renderer does after xterm has written it.
    client.on(
      'terminal/data',
      ({ terminalId, data }) => void client.api.terminal.ack({ terminalId, chars: data.length }),
    );
    try {
      const project = await client.api.project.add({ path: repo.path });
      await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
      const baseline = await settledMemory();

      const threads: Thread[] = [];
      // One at a time: the bench measures idle cost, not start-up, and each start waits for its worktree.
      for (let i = 0; i < THREADS; i += 1) {
        threads.push(await startReadyThread(client, project.id, `Memory ${i + 1}`));
      }
      const terminalIds: string[] = [];
      for (const thread of threads) {
        const terminal = await client.api.terminal.open({ threadId: thread.id });
        await client.api.terminal.attach({ terminalId: terminal.id });
        terminalIds.push(terminal.id);
      }
      const loaded = await settledMemory();
      const shellPids = terminalIds.flatMap((id) => host.services.terminals.stats(id).pids);
      const shellsRssMb = shellPids.reduce((sum, pid) => sum + processRssMb(pid), 0);

      const rssGrowth = loaded.rssMb - baseline.rssMb;
      const heapGrowth = loaded.heapUsedMb - baseline.heapUsedMb;
      const perThreadRss = rssGrowth / THREADS;
      return {
        name: 'host-memory',
        rows: [
          {
            metric: 'host RSS, project added, no threads',
            value: `${baseline.rssMb} MB`,
            goal: '–',
            met: null,
          },
          {
            metric: `host RSS, ${THREADS} threads with an idle terminal each`,
            value: `${loaded.rssMb} MB`,
            goal: '–',
            met: null,
          },
          {
            metric: 'host RSS growth per idle thread + terminal',
            value: `${round(perThreadRss, 2)} MB`,
            goal: `≤ ${PER_THREAD_RSS_GOAL_MB} MB`,
            met: perThreadRss <= PER_THREAD_RSS_GOAL_MB,
          },
          {
            metric: 'host heap growth per idle thread + terminal',
            value: `${round(heapGrowth / THREADS, 2)} MB`,
            goal: '–',
            met: null,
          },
          {
            metric: `shell processes' RSS (${shellPids.length}, outside the host)`,
            value: `${round(shellsRssMb)} MB`,
            goal: '–',
            met: null,
          },
        ],
        raw: {
          threads: THREADS,
          shell: SHELL,
          settleMs: SETTLE_MS,
          baseline,
          loaded,
          growth: {
            rssMb: round(rssGrowth),
            heapUsedMb: round(heapGrowth),
            perThreadRssMb: round(perThreadRss, 3),
          },
          shells: { count: shellPids.length, totalRssMb: round(shellsRssMb) },
        },
      };
    } finally {
      client.close();
      await host.dispose();
    }
  } finally {
    dirs.cleanup();
  }
}

await runWhenMain(import.meta.url, 'host-memory', run);
