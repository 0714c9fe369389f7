import {
  changedNames,
  findMergeBase,
  isGitAbortError,
  mergeTree,
  mergeTreeBatch,
  resolveTree,
  type GitQueue,
} from '../git';
import { createLogger } from '../log';
import { MERGE_BATCH_MIN, MERGE_BATCH_PROCESSES, MERGE_CACHE_ENTRIES, TOUCHED_CACHE_ENTRIES } from './limits';
import { LruCache } from './lru-cache';
import type { MergeOutcome, TouchedInfo } from './matrix-build';
import { errorText } from '../error-text';

const log = createLogger('conflicts');

/** merge-tree's conflicted paths are the same whichever side goes first, so a pair is cached once. */
export function mergeKey(a: string, b: string): string {
  return a < b ? `m:${a}:${b}` : `m:${b}:${a}`;
}

export function touchedKey(baseCommit: string, snapshot: string): string {
  return `t:${baseCommit}:${snapshot}`;
}

interface MergeWork {
  key: string;
  ours: string;
  theirs: string;
}

interface Batch {
  work: MergeWork[];
  controller: AbortController;
}

/** Splits work into at most `parts` runs of nearly equal size, none shorter than `MERGE_BATCH_MIN` when it can help it. */
function split<T>(items: T[], parts: number): T[][] {
  const count = Math.max(1, Math.min(parts, Math.ceil(items.length / MERGE_BATCH_MIN)));
  const runs: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, index) => runs[index % count]?.push(item));
  return runs;
}

/**
 * The radar's git work, keyed by the commits it depends on: results are cached (bounded LRU),
 * each key is computed once at low priority, merges go to git in batches (`merge-tree --stdin`,
 * a few processes side by side), and work no longer wanted is cancelled through its signal.
 */
export function createRadarJobs(git: GitQueue, cwd: string, onDone: () => void) {
  const merges = new LruCache<MergeOutcome>(MERGE_CACHE_ENTRIES);
  const touched = new LruCache<TouchedInfo>(TOUCHED_CACHE_ENTRIES);
  /** Merge key -> the batch computing it. */
  const batches = new Map<string, Batch>();
  /** Single jobs (touched paths, and merges retried one by one after a batch failed). */
  const singles = new Map<string, AbortController>();
  let disposed = false;

  const single = <T>(key: string, cache: LruCache<T>, work: (signal: AbortSignal) => Promise<T>): void => {
    if (disposed || cache.has(key) || singles.has(key) || batches.has(key)) return;
    const controller = new AbortController();
    singles.set(key, controller);
    work(controller.signal).then(
      (value) => {
        if (controller.signal.aborted || disposed) return;
        cache.set(key, value);
        singles.delete(key);
        onDone();
      },
      (error: unknown) => {
        if (controller.signal.aborted || disposed) return;
        singles.delete(key);
        // The queue closed under us (host shutting down): starting over would fail the same way.
        if (!isGitAbortError(error)) log.warn(`Conflict radar work ${key} failed`, error);
      },
    );
  };

  const mergeOne = async ({ ours, theirs }: MergeWork, signal: AbortSignal): Promise<MergeOutcome> => {
    try {
      const result = await mergeTree(git, cwd, ours, theirs, { priority: 'low', signal });
      return { conflicts: result.conflicts, tree: result.tree };
    } catch (error) {
      if (isGitAbortError(error) || signal.aborted) throw error;
      return { error: errorText(error) };
    }
  };

  const runBatch = (work: MergeWork[]): void => {
    const batch: Batch = { work, controller: new AbortController() };
    for (const item of work) batches.set(item.key, batch);
    const release = () => {
      for (const item of work) if (batches.get(item.key) === batch) batches.delete(item.key);
    };
    const pairs = work.map((item): [string, string] => [item.ours, item.theirs]);
    mergeTreeBatch(git, cwd, pairs, { priority: 'low', signal: batch.controller.signal }).then(
      (results) => {
        if (batch.controller.signal.aborted || disposed) return;
        results.forEach((result, index) => {
          const item = work[index];
          if (item) merges.set(item.key, { conflicts: result.conflicts, tree: result.tree });
        });
        release();
        onDone();
      },
      (error: unknown) => {
        if (batch.controller.signal.aborted || disposed) return;
        release();
        if (isGitAbortError(error)) return;
        // One bad pair fails the whole batch: find it (and keep the others) one merge at a time.
        log.warn(`A batch of ${work.length} merges failed; retrying them one by one`, error);
        for (const item of work) single(item.key, merges, (signal) => mergeOne(item, signal));
      },
    );
  };

  const computeTouched = async (
    baseCommit: string,
    snapshot: string,
    signal: AbortSignal,
  ): Promise<TouchedInfo> => {
    const call = { priority: 'low' as const, signal };
    try {
      const [mergeBase, baseTree] = await Promise.all([
        findMergeBase(git, cwd, baseCommit, snapshot, call),
        resolveTree(git, cwd, baseCommit, call),
      ]);
      if (mergeBase === null) return { touched: [], baseChanged: [], baseTree };
      const [mine, base] = await Promise.all([
        changedNames(git, cwd, mergeBase, snapshot, call),
        changedNames(git, cwd, mergeBase, baseCommit, call),
      ]);
      return { touched: mine, baseChanged: base, baseTree };
    } catch (error) {
      if (isGitAbortError(error) || signal.aborted) throw error;
      // Counted as "touches nothing" (logged): the merge cell still reports real conflicts.
      log.warn(`Listing the paths ${snapshot} changed against ${baseCommit} failed`, error);
      return { touched: [], baseChanged: [], baseTree: null };
    }
  };

  return {
    merge: (a: string, b: string): MergeOutcome | undefined => merges.get(mergeKey(a, b)),
    touched: (baseCommit: string, snapshot: string): TouchedInfo | undefined =>
      touched.get(touchedKey(baseCommit, snapshot)),
    /**
     * Makes sure exactly the wanted work runs: starts what is neither cached nor running, cancels
     * running work nobody wants any more (a snapshot moved on, a thread went away). A batch is
     * cancelled once none of its merges is wanted. `holdMerges` starts and stops touched-path work only.
     */
    want(
      mergePairs: [string, string][],
      touchedPairs: [string, string][],
      options: { holdMerges?: boolean } = {},
    ): void {
      if (disposed) return;
      const wanted = new Set<string>();
      for (const [baseCommit, snapshot] of touchedPairs) {
        const key = touchedKey(baseCommit, snapshot);
        if (touched.has(key)) continue;
        wanted.add(key);
        single(key, touched, (signal) => computeTouched(baseCommit, snapshot, signal));
      }
      const fresh: MergeWork[] = [];
      for (const [a, b] of mergePairs) {
        const key = mergeKey(a, b);
        if (merges.has(key) || wanted.has(key)) continue;
        wanted.add(key);
        if (batches.has(key) || singles.has(key)) continue;
        const [ours, theirs] = a < b ? [a, b] : [b, a];
        fresh.push({ key, ours, theirs });
      }
      for (const [key, controller] of singles) {
        if (wanted.has(key) || (options.holdMerges && key.startsWith('m:'))) continue;
        controller.abort();
        singles.delete(key);
      }
      // Held: merges neither start nor stop (more snapshots are about to land; one burst batches better).
      if (options.holdMerges) return;
      for (const batch of new Set(batches.values())) {
        if (batch.work.some((item) => wanted.has(item.key) && batches.get(item.key) === batch)) continue;
        batch.controller.abort();
        for (const item of batch.work) if (batches.get(item.key) === batch) batches.delete(item.key);
      }
      if (fresh.length > 0) for (const work of split(fresh, MERGE_BATCH_PROCESSES)) runBatch(work);
    },
    get busy(): boolean {
      return batches.size > 0 || singles.size > 0;
    },
    dispose(): void {
      disposed = true;
      for (const controller of singles.values()) controller.abort();
      for (const batch of new Set(batches.values())) batch.controller.abort();
      singles.clear();
      batches.clear();
    },
  };
}

export type RadarJobs = ReturnType<typeof createRadarJobs>;
