/**
 * The built-in agent's own cost, with 16 threads running scripted agents at once against a
 * zero-latency model (a scripted server in another process answers at once):
 *  - host overhead per tool call: from the end of the model response asking for a trivial tool to
 *    the start of the next model request. The same agent run by the bare agent SDK is the baseline;
 *    the goal (under 5 ms median) is on what Skein adds to it;
 *  - delay from a model chunk arriving at the host to it reaching a client as `item/delta`
 *    (coalescing frame included); goal p99 under 50 ms;
 *  - SQLite item write throughput, batched as the host writes, against one transaction per row.
 * Run alone: `npx tsx bench/agent-overhead.bench.ts` (writes bench/results/agent-overhead.json).
 */
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '../src-shared/contract';
import { createItemWriter } from '../src-main/core/agents/runtime/item-writer';
import { openDatabase } from '../src-main/core/store';
import { AgentTestHost, agentEnv, createAgentThread } from '../test/support/agent-host';
import { TempDirs } from '../test/support/git-repo';
import { bareSdkRun } from './agent-overhead-baseline';
import { installFetchProbe, percentile, round, startServerProcess } from './agent-overhead-probe';
import { MARKER, TOOL_CALLS_PER_TURN } from './agent-overhead-script';
import type { BenchResult } from './types';
import { runWhenMain } from './support/write-result';

/** Threads running at once; single-thread runs beside it show the cost without contention. */
const THREADS = 16;
const OVERHEAD_GOAL_MS = 5;
const DELIVERY_GOAL_MS = 50;
const WRITE_ROWS = 20_000;

async function skeinRun(url: string, dirs: TempDirs, threadCount: number) {
  const probe = installFetchProbe();
  const test = await AgentTestHost.start(dirs.make('skein-bench-agent-'), agentEnv({ url }, dirs));
  try {
    const first = await createAgentThread(test, dirs, { 'README.md': '# bench\n'.repeat(20) });
    const threads = [first.thread];
    for (let i = 1; i < threadCount; i += 1) {
      threads.push(await test.client.api.thread.start({ projectId: first.projectId, title: `Bench ${i}` }));
    }
    await test.host.services.threads.idle();
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      threads.map((thread, index) =>
        test.client.api.turn.start({
          threadId: thread.id,
          message: `Work, bench-thread-${index}`,
          provider: 'openai',
        }),
      ),
    );
    await Promise.all(threads.map((thread) => test.turnCompleted(thread.id)));
    const cpu = process.cpuUsage(cpuBefore);
    const failed = test.of('turn/completed').filter((entry) => entry.turn.status !== 'completed').length;
    const delays: number[] = [];
    for (const entry of test.received) {
      if (entry.name !== 'item/delta') continue;
      for (const match of (entry.params as { delta: string }).delta.matchAll(MARKER)) {
        const arrived = probe.arrivals.get(match[0]);
        if (arrived !== undefined) delays.push(entry.at - arrived);
      }
    }
    return {
      gaps: probe.gaps(threadCount),
      planGaps: probe.gaps(threadCount, 'even'),
      readGaps: probe.gaps(threadCount, 'odd'),
      delays,
      failed,
      itemsWritten: test.host.services.agents.writer.written,
      cpuPerStepMs: (cpu.user + cpu.system) / 1000 / (threadCount * (TOOL_CALLS_PER_TURN + 1)),
    };
  } finally {
    probe.restore();
    await test.close();
  }
}

function sampleItem(index: number): Item {
  return {
    id: `item-${index}`,
    threadId: 't1',
    turnId: 'u1',
    seq: index + 1,
    kind: 'command',
    status: 'completed',
    startedAt: 1,
    completedAt: 2,
    inputTokens: 100,
    outputTokens: 10,
    costUsd: null,
    command: 'npm test',
    cwd: '/work/tree',
    reason: null,
    sandbox: 'bwrap',
    exitCode: 0,
    output: 'ok\n'.repeat(60),
    timedOut: false,
    durationMs: 12,
  };
}

/** Rows per second through the host's batched writer, and one transaction per row as the baseline. */
function writeThroughput(dirs: TempDirs) {
  const measure = (batched: boolean): number => {
    const dir = dirs.make('skein-bench-sqlite-');
    const db = openDatabase(join(dir, 'skein.db'));
    try {
      db.prepare(
        `INSERT INTO projects (id, path, name, default_base, created_at) VALUES ('p1', '/r', 'r', 'main', 1)`,
      ).run();
      db.prepare(
        `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
         VALUES ('t1', 'p1', 't', 't', 'b', 'main', 'c', '/w', 'ready', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO turns (id, thread_id, seq, status, provider, model, started_at) VALUES ('u1', 't1', 1, 'running', 'openai', 'm', 1)`,
      ).run();
      const writer = createItemWriter(db);
      const started = performance.now();
      for (let i = 0; i < WRITE_ROWS; i += 1) {
        writer.write({ item: sampleItem(i), callId: null });
        if (!batched) writer.flush();
      }
      writer.flush();
      const seconds = (performance.now() - started) / 1000;
      writer.dispose();
      return WRITE_ROWS / seconds;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { batched: measure(true), perRow: measure(false) };
}

export async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  const { url, child } = await startServerProcess();
  try {
    // Warm-up: the first run of each pays for loading and compiling the SDKs.
    await bareSdkRun(url, 1);
    await skeinRun(url, dirs, 1);
    const bareSingle = await bareSdkRun(url, 1);
    const skeinSingle = await skeinRun(url, dirs, 1);
    const bare = await bareSdkRun(url, THREADS);
    const skein = await skeinRun(url, dirs, THREADS);
    const writes = writeThroughput(dirs);

    const gap = { skein: percentile(skein.gaps, 50), bare: percentile(bare.gaps, 50) };
    const single = { skein: percentile(skeinSingle.gaps, 50), bare: percentile(bareSingle.gaps, 50) };
    const added = gap.skein - gap.bare;
    const deliveryP99 = percentile(skein.delays, 99);
    const raw = {
      threads: THREADS,
      toolCallsPerTurn: TOOL_CALLS_PER_TURN,
      failedTurns: skein.failed,
      toolCallGapMs: {
        skein: { p50: round(gap.skein), p95: round(percentile(skein.gaps, 95)), samples: skein.gaps.length },
        bareSdk: { p50: round(gap.bare), p95: round(percentile(bare.gaps, 95)), samples: bare.gaps.length },
        singleThread: { skein: round(single.skein), bareSdk: round(single.bare) },
        skeinByTool: {
          updatePlan: round(percentile(skein.planGaps, 50)),
          readFile: round(percentile(skein.readGaps, 50)),
        },
      },
      cpuPerModelStepMs: {
        skein: round(skein.cpuPerStepMs),
        bareSdk: round(bare.cpuPerStepMs),
        singleThread: { skein: round(skeinSingle.cpuPerStepMs), bareSdk: round(bareSingle.cpuPerStepMs) },
      },
      chunkDeliveryMs: {
        samples: skein.delays.length,
        p50: round(percentile(skein.delays, 50)),
        p99: round(deliveryP99),
        max: round(Math.max(...skein.delays)),
      },
      itemsWrittenDuringRun: skein.itemsWritten,
      sqliteRowsPerSecond: {
        batched: Math.round(writes.batched),
        oneTransactionPerRow: Math.round(writes.perRow),
      },
    };
    return {
      name: 'agent-overhead',
      rows: [
        {
          metric: `host overhead per tool call, ${THREADS} threads: Skein's gap minus the bare SDK's (median ${raw.toolCallGapMs.skein.p50} vs ${raw.toolCallGapMs.bareSdk.p50} ms)`,
          value: `${round(added)} ms`,
          goal: `< ${OVERHEAD_GOAL_MS} ms`,
          met: skein.failed === 0 && added < OVERHEAD_GOAL_MS,
        },
        {
          metric: `tool-call gap, 1 thread alone: Skein vs bare SDK (median)`,
          value: `${raw.toolCallGapMs.singleThread.skein} vs ${raw.toolCallGapMs.singleThread.bareSdk} ms`,
          goal: '–',
          met: null,
        },
        {
          metric: `host CPU per model step, ${THREADS} threads: Skein (client included) vs bare SDK`,
          value: `${raw.cpuPerModelStepMs.skein} vs ${raw.cpuPerModelStepMs.bareSdk} ms`,
          goal: '–',
          met: null,
        },
        {
          metric: `model chunk to client, ${THREADS} threads (p99; median ${raw.chunkDeliveryMs.p50} ms)`,
          value: `${raw.chunkDeliveryMs.p99} ms`,
          goal: `< ${DELIVERY_GOAL_MS} ms`,
          met: skein.delays.length > 0 && deliveryP99 < DELIVERY_GOAL_MS,
        },
        {
          metric: 'SQLite item writes, batched (one transaction per row in brackets)',
          value: `${raw.sqliteRowsPerSecond.batched.toLocaleString('en-US')}/s (${raw.sqliteRowsPerSecond.oneTransactionPerRow.toLocaleString('en-US')}/s)`,
          goal: '–',
          met: null,
        },
      ],
      raw,
    };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    dirs.cleanup();
  }
}

await runWhenMain(import.meta.url, 'agent-overhead', run);
