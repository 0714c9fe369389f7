/**
 * The conflict radar on a generated 20,000-file repository with 20 live threads, each with
 * uncommitted work (a few pairs edit the same lines, a few the same files far apart, most nothing
 * in common; two threads conflict with a base that moved on):
 *  (a) the cold full matrix (190 pairs + 20 against the base) on a freshly started host, until
 *      every cell has its verdict, against the same git work done raw, one call after another: the
 *      20 worktree snapshots (same commands as the host's) and the 210 `git merge-tree` calls on the
 *      host's snapshot commits. The merge-tree sum alone is shown too; the radar cannot skip its
 *      snapshots, and it starts merging before the last one is taken, so its merge time alone
 *      cannot be cut out;
 *  (b) one thread changes one file: how many cells the host recomputes (merges it asks of git,
 *      counted through its queue; it batches them with `merge-tree --stdin`), and the time from
 *      its new snapshot until every cell is in, against the same raw calls;
 *  (c) a file save in a worktree until the `conflicts/updated` that flips the thread's badge (a
 *      pair going between conflicting and clean), through the host's own file watching.
 * Host and baseline runs alternate so both see the same load. Setup (repository, 20 worktrees,
 * their edits) is timed but has no goal. SKEIN_BENCH_RADAR_FILES scales the repository down
 * (for a quick look; the goals are for 20,000 files). The host's inotify watches (one per folder)
 * are recorded against the user's limit.
 * Run alone: `npx tsx bench/conflict-radar.bench.ts` (prints JSON, writes bench/results/conflict-radar.json).
 */
import { loadavg } from 'node:os';
import { TempDirs } from '../test/support/git-repo';
import { startThreadsHost } from '../test/support/threads-host';
import { median, percentile, round } from './support/bench-stats';
import { disagreements, inotifyLimit, mergeCallsOf } from './support/radar-host';
import {
  cellCount,
  closeLive,
  hostColdRun,
  progress,
  rawColdRun,
  saveRuns,
  updateRun,
  type BenchWorld,
  type ColdRun,
  type UpdateRun,
} from './support/radar-phases';
import { rawMergeTrees } from './support/radar-raw';
import {
  advanceBase,
  applyThreadWork,
  createRadarRepo,
  RADAR_REPO_FILES,
  RADAR_THREADS,
  UPDATE_THREADS,
} from './support/radar-repo';
import { runWhenMain } from './support/write-result';
import type { BenchResult } from './types';

/** Cells involving one thread: its 19 pairs and its base cell. */
const CELLS_PER_THREAD = RADAR_THREADS;
/** Measured cold rounds after one unmeasured warm-up; each restarts the host (the longest phase). */
const COLD_RUNS = 3;
const UPDATE_RUNS = UPDATE_THREADS.length;
const SAVES = 10;
const THREADS_READY_MS = 900_000;
/** The goals. */
const RATIO_GOAL = 1.2;
const SAVE_GOAL_MS = 1_000;

const ms = (value: number): string => (Number.isFinite(value) ? `${round(value)} ms` : 'no answer');

/** Repository, project, 20 threads with their work, the base moved on; the setup host is closed. */
async function setUp(dirs: TempDirs, setupMs: Record<string, number>): Promise<BenchWorld> {
  let started = performance.now();
  const repo = createRadarRepo(dirs);
  setupMs.repository = performance.now() - started;
  const dataDir = dirs.make('skein-bench-radar-');
  const host = await startThreadsHost(dataDir);
  try {
    const project = await host.client.api.project.add({ path: repo.path });
    // No pool: it would refill in the background (worktree adds) while we measure.
    await host.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    await host.host.services.threads.idle();
    started = performance.now();
    const threads = await Promise.all(
      Array.from({ length: RADAR_THREADS }, async (_, index) => {
        const thread = await host.client.api.thread.start({ projectId: project.id, title: `Radar ${index}` });
        return host.waitForStatus(thread.id, 'ready', THREADS_READY_MS);
      }),
    );
    setupMs.threads = performance.now() - started;
    started = performance.now();
    threads.forEach((thread, index) => applyThreadWork(thread.worktreePath, index));
    advanceBase(repo);
    setupMs.edits = performance.now() - started;
    progress(`set up in ${Math.round(Object.values(setupMs).reduce((sum, value) => sum + value, 0))} ms`);
    return { repoPath: repo.path, dataDir, projectId: project.id, threads, live: null };
  } finally {
    await host.close();
  }
}

export async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  const setupMs: Record<string, number> = {};
  let world: BenchWorld | null = null;
  try {
    world = await setUp(dirs, setupMs);
    const current = world;

    // (a) Cold rounds; round -1 is unmeasured (warms the page cache and the object store for both sides).
    const cold: ColdRun[] = [];
    const raw: Array<{ snapshotsMs: number; mergesMs: number; batchMs: number }> = [];
    let latest: ColdRun | null = null;
    for (let round_ = -1; round_ < COLD_RUNS; round_ += 1) {
      // Raw first on even rounds, on the previous round's snapshot commits (the same ids: the radar's are deterministic).
      const rawFirst = round_ % 2 === 0 && latest !== null ? rawColdRun(current, latest.matrix) : null;
      latest = await hostColdRun(current);
      const rawRun = rawFirst ?? rawColdRun(current, latest.matrix);
      progress(
        `cold round ${round_}: raw ${Math.round(rawRun.snapshotsMs)} + ${Math.round(rawRun.mergesMs)} ms`,
      );
      if (round_ < 0) continue;
      cold.push(latest);
      raw.push(rawRun);
    }
    if (!latest) throw new Error('The cold rounds left no matrix');
    const verdicts = rawMergeTrees(current.repoPath, mergeCallsOf(latest.matrix)).merges;
    const differing = disagreements(latest.matrix, verdicts);
    const rawConflicts = verdicts.filter((merge) => merge.conflict).length;

    // (b) and (c) on the last host.
    // Round -1 is unmeasured: just after a start the host's file watchers are still scanning the
    // worktrees, and a change is only seen once they are up; it times that wait.
    const firstChange = await updateRun(current, -1);
    const updates: UpdateRun[] = [];
    for (let round_ = 0; round_ < UPDATE_RUNS; round_ += 1) updates.push(await updateRun(current, round_));
    const saves = await saveRuns(current, SAVES);
    await closeLive(current);
    const cleanupStarted = performance.now();
    dirs.cleanup();
    setupMs.cleanup = performance.now() - cleanupStarted;

    const cells = cellCount();
    const coldCells = median(cold.map((run_) => run_.cellsMs));
    const lastSnapshot = median(cold.map((run_) => run_.lastSnapshotMs));
    const rawSnapshots = median(raw.map((run_) => run_.snapshotsMs));
    const rawMerges = median(raw.map((run_) => run_.mergesMs));
    const rawTotal = median(raw.map((run_) => run_.snapshotsMs + run_.mergesMs));
    const coldRatio = coldCells / rawTotal;
    const coldCalls = Math.max(...cold.map((run_) => run_.merges));
    const updateMatrix = median(updates.map((update) => update.matrixMs));
    const updateRaw = median(updates.map((update) => update.rawMs));
    const updateRatio = updateMatrix / updateRaw;
    const updateCalls = Math.max(...updates.map((update) => update.merges));
    const failed = saves.failures.length > 0;
    const saveMedian = failed ? Number.POSITIVE_INFINITY : median(saves.ms);
    const saveP90 = failed ? Number.POSITIVE_INFINITY : percentile(saves.ms, 90);
    return {
      name: 'conflict-radar',
      rows: [
        {
          metric: `cold matrix, ${RADAR_THREADS} threads on ${RADAR_REPO_FILES} files: host start until all ${cells} cells are in (median of ${COLD_RUNS})`,
          value: ms(coldCells),
          goal: '–',
          met: null,
        },
        {
          metric: `raw: the ${RADAR_THREADS} snapshots by the same git commands, one after another`,
          value: ms(rawSnapshots),
          goal: '–',
          met: null,
        },
        {
          metric: `raw: the same ${cells} \`git merge-tree\` calls on the host's snapshots, one after another`,
          value: ms(rawMerges),
          goal: '–',
          met: null,
        },
        {
          metric: `raw: the same ${cells} merges in one \`git merge-tree --stdin\` (one process, the floor)`,
          value: ms(median(raw.map((run_) => run_.batchMs))),
          goal: '–',
          met: null,
        },
        {
          metric: 'cold matrix / raw snapshots + merge-trees',
          value: `${round(coldRatio, 2)}x`,
          goal: `≤ ${RATIO_GOAL}x`,
          met: coldRatio <= RATIO_GOAL,
        },
        {
          metric: 'cold matrix: host start until the last snapshot was taken (merging already under way)',
          value: ms(lastSnapshot),
          goal: '–',
          met: null,
        },
        {
          metric:
            'cold matrix: merges the host asked of git (most of any run; it batches them with `merge-tree --stdin`)',
          value: String(coldCalls),
          goal: `${cells}`,
          met: coldCalls <= cells,
        },
        {
          metric: `cells whose verdict differs from raw merge-tree (of ${cells}; ${rawConflicts} conflict)`,
          value: String(differing.length),
          goal: '0',
          met: differing.length === 0,
        },
        {
          metric: `one thread changed one file: cells recomputed (merges asked of git, most of ${UPDATE_RUNS} updates)`,
          value: String(updateCalls),
          goal: `≤ ${CELLS_PER_THREAD}`,
          met: updateCalls <= CELLS_PER_THREAD,
        },
        {
          metric: `update, new snapshot until all cells are in / the same ${CELLS_PER_THREAD} raw merge-trees (${round(updateMatrix)} vs ${round(updateRaw)} ms)`,
          value: `${round(updateRatio, 2)}x`,
          goal: `≤ ${RATIO_GOAL}x`,
          met: updateRatio <= RATIO_GOAL,
        },
        {
          metric: 'update, file written until all cells are in (watcher and snapshot included)',
          value: ms(median(updates.map((update) => update.totalMs))),
          goal: '–',
          met: null,
        },
        {
          metric:
            'just after a host start: a file change until all cells are in (the watchers still starting)',
          value: ms(firstChange.totalMs),
          goal: '–',
          met: null,
        },
        {
          metric: `file save to the conflicts/updated that flips the badge, median of ${SAVES}`,
          value: ms(saveMedian),
          goal: `< ${SAVE_GOAL_MS} ms`,
          met: saveMedian < SAVE_GOAL_MS,
        },
        {
          metric: 'file save to badge flipped, p90',
          value: ms(saveP90),
          goal: `< ${SAVE_GOAL_MS} ms`,
          met: saveP90 < SAVE_GOAL_MS,
        },
      ],
      raw: {
        repoFiles: RADAR_REPO_FILES,
        threads: RADAR_THREADS,
        cells,
        /** Other work on the machine skews every figure; the load average says how much there was. */
        loadAverage: loadavg().map((value) => round(value, 2)),
        setupMs: Object.fromEntries(Object.entries(setupMs).map(([key, value]) => [key, round(value)])),
        cold: cold.map((run_) => ({
          cellsMs: round(run_.cellsMs),
          settledMs: round(run_.totalMs),
          lastSnapshotMs: round(run_.lastSnapshotMs),
          merges: run_.merges,
          mergeTreeCalls: run_.mergeTreeCalls,
        })),
        /** The host's file watchers' inotify watches once up, against the user's limit (shared with every process). */
        inotifyWatches: saves.watches,
        inotifyLimit: inotifyLimit(),
        rawCold: raw.map((run_) => ({
          snapshotsMs: round(run_.snapshotsMs),
          mergesMs: round(run_.mergesMs),
          oneBatchMs: round(run_.batchMs),
        })),
        /** The literal ratio: cold matrix (snapshots included) over the merge-tree sum alone. */
        coldOverMergeTreesOnly: round(coldCells / rawMerges, 2),
        rawConflicts,
        disagreements: differing,
        firstChangeAfterStart: { totalMs: round(firstChange.totalMs), merges: firstChange.merges },
        updates: updates.map((update) => ({
          thread: update.thread,
          totalMs: round(update.totalMs),
          matrixMs: round(update.matrixMs),
          merges: update.merges,
          mergeTreeCalls: update.mergeTreeCalls,
          rawMs: round(update.rawMs),
        })),
        saveMs: saves.ms.map((value) => round(value)),
        saveFailures: saves.failures,
        savesFlippedBeforeSettled: saves.beforeSettled,
      },
    };
  } finally {
    if (world) await closeLive(world);
    dirs.cleanup();
  }
}

await runWhenMain(import.meta.url, 'conflict-radar', run);
