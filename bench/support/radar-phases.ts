/**
 * The three measured phases of the conflict-radar benchmark, each against its raw baseline.
 * See bench/conflict-radar.bench.ts for what they measure and why.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConflictMatrix, Thread } from '../../src-shared/contract';
import { startThreadsHost, type ThreadsTestHost } from '../../test/support/threads-host';
import {
  inotifyWatches,
  logGitCalls,
  matrixComplete,
  MatrixFeed,
  mergeCallsOf,
  snapshotOf,
  type GitCallLog,
} from './radar-host';
import { rawMergeTreeBatch, rawMergeTrees, rawSnapshot } from './radar-raw';
import { FLIP_FIXED, FLIP_SAVER, flipSave, ownPath, RADAR_THREADS, UPDATE_THREADS } from './radar-repo';

/** Generous limits: a miss should be measured, not turned into a failure, unless the host never answers. */
const COLD_TIMEOUT_MS = 240_000;
const UPDATE_TIMEOUT_MS = 60_000;
const SAVE_TIMEOUT_MS = 15_000;
/** After an update, so late recomputations (a second look by the watcher) are counted too; the watcher debounces 300 ms. */
const QUIET_MS = 1_500;
/** Between saves, so each one starts from a settled matrix. */
const SETTLE_MS = 700;

/** Progress on stderr: a run takes minutes, and a stalled phase should be visible. */
export function progress(text: string): void {
  process.stderr.write(`conflict-radar: ${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

/** The host under measurement, its git calls logged and its matrices followed. */
export interface LiveHost {
  host: ThreadsTestHost;
  feed: MatrixFeed;
  log: GitCallLog;
}

export interface BenchWorld {
  repoPath: string;
  dataDir: string;
  projectId: string;
  threads: Thread[];
  /** The host now running (replaced by each cold round); the bench closes the last one. */
  live: LiveHost | null;
}

export async function closeLive(world: BenchWorld): Promise<void> {
  const live = world.live;
  world.live = null;
  if (!live) return;
  live.feed.close();
  live.log.restore();
  await live.host.close();
}

/** performance.now() of the newest snapshot among `threadIds` (takenAt is wall-clock). */
function lastSnapshotAt(matrix: ConflictMatrix, threadIds: string[]): number {
  const taken = matrix.threads
    .filter((thread) => threadIds.includes(thread.threadId))
    .map((thread) => thread.takenAt ?? Number.NaN);
  return Math.max(...taken) - Date.now() + performance.now();
}

export interface ColdRun {
  /** From the host's start (the radar starts inside it) until every cell is in and nothing computes. */
  totalMs: number;
  /** Until the last of the 20 snapshots was taken; merges of earlier snapshots already run meanwhile. */
  lastSnapshotMs: number;
  /** Until every cell had a verdict the first time (`computing` may stay true for the watchers' second look). */
  cellsMs: number;
  /** Merges the host asked git for (cells computed). */
  merges: number;
  mergeTreeCalls: number;
  matrix: ConflictMatrix;
}

/**
 * A host restarted on the same data computes the matrix from nothing: its caches live in memory,
 * and the radar of a project with live threads starts inside createHost. So the clock starts when
 * createHost returns (its first git calls are queued by then: a few ms in the host's favour) and
 * `conflicts/get` only attaches, as a client would.
 */
export async function hostColdRun(world: BenchWorld): Promise<ColdRun> {
  await closeLive(world);
  const host = await startThreadsHost(world.dataDir);
  const from = performance.now();
  const live: LiveHost = {
    host,
    log: logGitCalls(host.host.services.git),
    feed: new MatrixFeed(host.client, world.projectId),
  };
  world.live = live;
  live.feed.see(await host.client.api.conflicts.get({ projectId: world.projectId }));
  const cells = await live.feed.waitFor(
    (m) => m.pairs.length === cellCount() && m.pairs.every((pair) => pair.status !== 'pending'),
    COLD_TIMEOUT_MS,
    'with every cell computed',
  );
  const done = await live.feed.waitFor((m) => matrixComplete(m, RADAR_THREADS), COLD_TIMEOUT_MS, 'settled');
  progress(
    `cold: cells in after ${Math.round(cells.at - from)} ms, settled after ${Math.round(done.at - from)} ms`,
  );
  return {
    totalMs: done.at - from,
    lastSnapshotMs:
      lastSnapshotAt(
        cells.matrix,
        world.threads.map((thread) => thread.id),
      ) - from,
    cellsMs: cells.at - from,
    merges: live.log.merges(from),
    mergeTreeCalls: live.log.mergeTrees(from).length,
    matrix: done.matrix,
  };
}

export function cellCount(): number {
  return (RADAR_THREADS * (RADAR_THREADS - 1)) / 2 + RADAR_THREADS;
}

/** The raw side of a cold round: the 20 snapshots by the same git commands, then the 210 merge-trees on the host's snapshot commits. */
export function rawColdRun(
  world: BenchWorld,
  matrix: ConflictMatrix,
): { snapshotsMs: number; mergesMs: number; batchMs: number } {
  const snapshotsMs = world.threads.reduce((sum, thread) => sum + rawSnapshot(thread.worktreePath).ms, 0);
  const calls = mergeCallsOf(matrix);
  const { totalMs } = rawMergeTrees(world.repoPath, calls);
  return { snapshotsMs, mergesMs: totalMs, batchMs: rawMergeTreeBatch(world.repoPath, calls) };
}

export interface UpdateRun {
  thread: number;
  /** From the file written until every cell is in again (watcher debounce and snapshot included). */
  totalMs: number;
  /** From the thread's new snapshot until every cell is in: the matrix's own update. */
  matrixMs: number;
  merges: number;
  mergeTreeCalls: number;
  rawMs: number;
}

/**
 * One thread changes one file; the host sees it through its file watcher (the product's path, no
 * `conflicts/refresh`, which would race the watcher into a second snapshot). The raw calls are the
 * 20 merges involving the thread, timed before the change (on its previous snapshot: the same
 * merges, one line apart) on even rounds and after it on odd ones.
 */
export async function updateRun(world: BenchWorld, round: number): Promise<UpdateRun> {
  const live = world.live;
  if (!live) throw new Error('No host to measure updates on');
  const index = UPDATE_THREADS[(round + UPDATE_THREADS.length) % UPDATE_THREADS.length]!;
  const thread = world.threads[index]!;
  const before = await live.feed.waitFor(
    (m) => matrixComplete(m, RADAR_THREADS),
    UPDATE_TIMEOUT_MS,
    'settled',
  );
  const previous = snapshotOf(before.matrix, thread.id);
  let rawMs =
    round % 2 === 0 ? rawMergeTrees(world.repoPath, mergeCallsOf(before.matrix, thread.id)).totalMs : 0;
  const changedAt = performance.now();
  appendFileSync(join(thread.worktreePath, ownPath(index, 0)), `// update ${round}\n`);
  const done = await live.feed.waitFor(
    (m) => matrixComplete(m, RADAR_THREADS) && snapshotOf(m, thread.id) !== previous,
    UPDATE_TIMEOUT_MS,
    `with thread ${index}'s new snapshot and every cell computed`,
  );
  if (round % 2 !== 0) rawMs = rawMergeTrees(world.repoPath, mergeCallsOf(done.matrix, thread.id)).totalMs;
  await sleep(QUIET_MS);
  progress(`update ${round}: thread ${index}, ${Math.round(done.at - changedAt)} ms`);
  return {
    thread: index,
    totalMs: done.at - changedAt,
    matrixMs: done.at - lastSnapshotAt(done.matrix, [thread.id]),
    merges: live.log.merges(changedAt),
    mergeTreeCalls: live.log.mergeTrees(changedAt).length,
    rawMs,
  };
}

function conflictsWith(matrix: ConflictMatrix, threadId: string, other: string): boolean {
  return (
    matrix.threads.find((thread) => thread.threadId === threadId)?.conflictsWith.includes(other) ?? false
  );
}

export interface SaveRuns {
  ms: number[];
  failures: string[];
  /** Saves whose badge flipped while other cells were still computing. */
  beforeSettled: number;
  /** inotify watches the host held after the saves (its file watchers, up by then). */
  watches: number | null;
}

/** FLIP_SAVER's saves flip its pair with FLIP_FIXED between conflicting and clean; timed until the badge's notification. */
export async function saveRuns(world: BenchWorld, saves: number): Promise<SaveRuns> {
  const live = world.live;
  if (!live) throw new Error('No host to measure saves on');
  const saver = world.threads[FLIP_SAVER]!;
  const fixedId = world.threads[FLIP_FIXED]!.id;
  const result: SaveRuns = { ms: [], failures: [], beforeSettled: 0, watches: null };
  for (let save = 0; save < saves; save += 1) {
    await live.feed.waitFor(
      (m) => matrixComplete(m, RADAR_THREADS),
      UPDATE_TIMEOUT_MS,
      'settled before a save',
    );
    await sleep(SETTLE_MS);
    // The saver starts in conflict (see radar-repo.ts), so the first save makes the pair clean.
    const conflict = save % 2 === 1;
    const savedAt = performance.now();
    flipSave(saver.worktreePath, conflict, save);
    try {
      const seen = await live.feed.waitFor(
        (m) => conflictsWith(m, saver.id, fixedId) === conflict,
        SAVE_TIMEOUT_MS,
        `flipping thread ${FLIP_SAVER}'s badge`,
      );
      result.ms.push(seen.at - savedAt);
      progress(`save ${save}: badge after ${Math.round(seen.at - savedAt)} ms`);
      if (!matrixComplete(seen.matrix, RADAR_THREADS)) result.beforeSettled += 1;
    } catch (error) {
      result.failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  result.watches = inotifyWatches();
  return result;
}
