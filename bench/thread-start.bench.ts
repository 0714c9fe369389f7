/**
 * How long until a new thread is ready, on a 20,000-file repository:
 *  (a) raw `git worktree add -b` (the floor for making a worktree),
 *  (b) `thread/start` through the host with the pool warm,
 *  (c) `thread/start` with no pool (poolSize 0), until `thread/updated` says ready.
 * Run alone: `npx tsx bench/thread-start.bench.ts` (prints JSON, writes bench/results/thread-start.json).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createLargeRepo, git, TempDirs } from '../test/support/git-repo';
import { startThreadsHost } from '../test/support/threads-host';
import type { BenchResult } from './types';
import { runWhenMain } from './support/write-result';

/** A mid-sized monorepo; large enough that checkout time dominates process start-up. */
const FILE_COUNT = 20_000;
const RUNS = 5;
/** Goals from the design: a pooled start must feel instant, a cold one must add nothing to git's own cost. */
const POOLED_SPEEDUP_GOAL = 20;
const COLD_OVERHEAD_GOAL = 1.1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** One raw `git worktree add` of a new branch, timed; the worktree is removed afterwards (untimed). */
function timeRawWorktreeAdd(repoPath: string, scratch: string, run: number): number {
  const path = join(scratch, `raw-${run}`);
  const branch = `bench/raw-${run}`;
  const started = performance.now();
  execFileSync('git', ['worktree', 'add', '--quiet', '-b', branch, path, 'HEAD'], {
    cwd: repoPath,
    stdio: 'ignore',
  });
  const elapsed = performance.now() - started;
  git(repoPath, ['worktree', 'remove', '--force', path]);
  git(repoPath, ['branch', '-D', branch]);
  return elapsed;
}

export async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  try {
    const made = performance.now();
    const repo = createLargeRepo(dirs, FILE_COUNT);
    const repoSetupMs = performance.now() - made;
    const scratch = dirs.make('skein-bench-raw-');
    const rawMs: number[] = [];
    const host = await startThreadsHost(dirs.make('skein-bench-data-'));
    const pooledMs: number[] = [];
    const coldMs: number[] = [];
    let pooledClaims = 0;
    try {
      const project = await host.client.api.project.add({ path: repo.path });
      const pooledPaths = () =>
        (host.host.services.db.prepare('SELECT path FROM worktree_pool').all() as { path: string }[]).map(
          (row) => row.path,
        );
      await host.host.services.threads.idle();

      for (let i = 0; i < RUNS; i += 1) {
        const warm = pooledPaths();
        const started = performance.now();
        const thread = await host.client.api.thread.start({ projectId: project.id, title: `Pooled ${i}` });
        const ready =
          thread.status === 'ready' ? thread : await host.waitForStatus(thread.id, 'ready', 120_000);
        pooledMs.push(performance.now() - started);
        if (warm.includes(ready.worktreePath)) pooledClaims += 1;
        await host.client.api.thread.delete({ threadId: thread.id, force: true });
        // Let the refill finish: every measured start finds the pool as warm as the first.
        await host.host.services.threads.idle();
      }

      await host.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
      await host.host.services.threads.idle();
      const timeColdStart = async (run: number): Promise<number> => {
        const started = performance.now();
        const thread = await host.client.api.thread.start({ projectId: project.id, title: `Cold ${run}` });
        await host.waitForStatus(thread.id, 'ready', 120_000);
        const elapsed = performance.now() - started;
        await host.client.api.thread.delete({ threadId: thread.id, force: true });
        return elapsed;
      };
      // Raw and cold runs alternate (order flipped each round) so both see the same machine load;
      // round -1 is unmeasured and warms the page cache.
      for (let i = -1; i < RUNS; i += 1) {
        const runNumber = i + 1;
        let rawTime: number;
        let coldTime: number;
        if (i % 2 === 0) {
          rawTime = timeRawWorktreeAdd(repo.path, scratch, runNumber);
          coldTime = await timeColdStart(runNumber);
        } else {
          coldTime = await timeColdStart(runNumber);
          rawTime = timeRawWorktreeAdd(repo.path, scratch, runNumber);
        }
        if (i < 0) continue;
        rawMs.push(rawTime);
        coldMs.push(coldTime);
      }
    } finally {
      await host.close();
    }

    const raw = median(rawMs);
    const pooled = median(pooledMs);
    const cold = median(coldMs);
    const speedup = raw / pooled;
    const coldRatio = cold / raw;
    return {
      name: 'thread-start',
      rows: [
        {
          metric: `raw git worktree add, ${FILE_COUNT} files (median of ${RUNS})`,
          value: `${round(raw)} ms`,
          goal: '–',
          met: null,
        },
        { metric: 'thread start to ready, pool warm', value: `${round(pooled)} ms`, goal: '–', met: null },
        {
          metric: 'pooled speed-up over raw worktree add',
          value: `${round(speedup)}x`,
          goal: `≥ ${POOLED_SPEEDUP_GOAL}x`,
          met: speedup >= POOLED_SPEEDUP_GOAL,
        },
        { metric: 'thread start to ready, no pool', value: `${round(cold)} ms`, goal: '–', met: null },
        {
          metric: 'cold start / raw worktree add',
          value: `${round(coldRatio, 2)}x`,
          goal: `≤ ${COLD_OVERHEAD_GOAL}x`,
          met: coldRatio <= COLD_OVERHEAD_GOAL,
        },
      ],
      raw: {
        files: FILE_COUNT,
        runs: RUNS,
        repoSetupMs: round(repoSetupMs),
        /** Other work on the machine skews every figure; the load average says how much there was. */
        loadAverage: loadavg().map((value) => round(value, 2)),
        rawWorktreeAddMs: rawMs.map((value) => round(value)),
        pooledStartMs: pooledMs.map((value) => round(value)),
        coldStartMs: coldMs.map((value) => round(value)),
        pooledClaims,
        medians: { raw: round(raw), pooled: round(pooled), cold: round(cold) },
        ratios: { pooledSpeedup: round(speedup), coldOverRaw: round(coldRatio, 3) },
      },
    };
  } finally {
    dirs.cleanup();
  }
}

await runWhenMain(import.meta.url, 'thread-start', run);
