/**
 * The host side of the conflict-radar benchmark: counting the host's git calls, following
 * `conflicts/updated`, and reading the matrix's cells as merge calls for the baseline.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { ConflictMatrix, RpcClient } from '../../src-shared/contract';
import type { GitQueue } from '../../src-main/core/git';
import type { MergeCall, RawMerge } from './radar-raw';

export interface GitCall {
  command: string;
  /** Merges asked of a `merge-tree` call: 1, or one per input line with `--stdin` (the radar batches). */
  merges: number;
  /** When the host asked the queue (a queued call waits for a slot before git starts). */
  queuedAt: number;
  doneAt: number | null;
}

export interface GitCallLog {
  calls: GitCall[];
  /** `merge-tree` calls asked for since `since` (performance.now()). */
  mergeTrees(since?: number): GitCall[];
  /** Merges (cells computed) those calls asked for. */
  merges(since?: number): number;
  restore(): void;
}

function inputLines(input: string | Buffer | undefined): number {
  if (input === undefined) return 0;
  return input
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '').length;
}

/**
 * Records every git call the host makes. The queue is built inside createHost and not reachable
 * otherwise, so the bench replaces `run` on the host's queue object: acceptable in a bench, never
 * in product code. Every service holds the same object, so the radar's calls pass through here.
 */
export function logGitCalls(queue: GitQueue): GitCallLog {
  const original = queue.run.bind(queue);
  const calls: GitCall[] = [];
  queue.run = (args, options) => {
    const command = args[0] ?? '';
    const merges = command !== 'merge-tree' ? 0 : args.includes('--stdin') ? inputLines(options.input) : 1;
    const call: GitCall = { command, merges, queuedAt: performance.now(), doneAt: null };
    calls.push(call);
    const settle = (): void => {
      call.doneAt = performance.now();
    };
    const running = original(args, options);
    running.then(settle, settle);
    return running;
  };
  return {
    calls,
    mergeTrees: (since = 0) =>
      calls.filter((call) => call.command === 'merge-tree' && call.queuedAt >= since),
    merges: (since = 0) =>
      calls.filter((call) => call.queuedAt >= since).reduce((sum, call) => sum + call.merges, 0),
    restore: () => {
      queue.run = original;
    },
  };
}

export interface MatrixSeen {
  matrix: ConflictMatrix;
  /** performance.now() when the client received it. */
  at: number;
}

/** Every matrix the client sees (notifications and call results), with waiting on a condition. */
export class MatrixFeed {
  latest: MatrixSeen | null = null;
  private readonly waiters = new Set<{
    test: (m: ConflictMatrix) => boolean;
    resolve: (s: MatrixSeen) => void;
  }>();
  private readonly stop: () => void;

  constructor(
    client: RpcClient,
    private readonly projectId: string,
  ) {
    this.stop = client.on('conflicts/updated', (matrix) => this.see(matrix));
  }

  see(matrix: ConflictMatrix): MatrixSeen | null {
    if (matrix.projectId !== this.projectId) return null;
    const seen = { matrix, at: performance.now() };
    this.latest = seen;
    for (const waiter of [...this.waiters]) {
      if (waiter.test(matrix)) {
        this.waiters.delete(waiter);
        waiter.resolve(seen);
      }
    }
    return seen;
  }

  /** The first matrix from now on that satisfies `test` (the latest one counts if it already does). */
  waitFor(test: (matrix: ConflictMatrix) => boolean, timeoutMs: number, what: string): Promise<MatrixSeen> {
    if (this.latest && test(this.latest.matrix)) return Promise.resolve(this.latest);
    return new Promise<MatrixSeen>((resolve, reject) => {
      const waiter = {
        test,
        resolve: (seen: MatrixSeen) => {
          clearTimeout(timer);
          resolve(seen);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const m = this.latest?.matrix;
        const state = m
          ? `computing ${m.computing}, ${m.pairs.filter((pair) => pair.status === 'pending').length} pending of ${m.pairs.length} cells, ${m.threads.filter((thread) => !thread.snapshot).length} threads without snapshot`
          : 'no matrix seen';
        reject(new Error(`No conflicts/updated ${what} within ${timeoutMs} ms (last: ${state})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.stop();
  }
}

/** Every cell computed: all threads snapshotted, every pair and base cell present and not pending, nothing computing. */
export function matrixComplete(matrix: ConflictMatrix, threadCount: number): boolean {
  const cells = (threadCount * (threadCount - 1)) / 2 + threadCount;
  return (
    !matrix.computing &&
    matrix.threads.length === threadCount &&
    matrix.threads.every((thread) => thread.snapshot !== null) &&
    matrix.pairs.length === cells &&
    matrix.pairs.every((pair) => pair.status !== 'pending')
  );
}

export function snapshotOf(matrix: ConflictMatrix, threadId: string): string | null {
  return matrix.threads.find((thread) => thread.threadId === threadId)?.snapshot ?? null;
}

/** The cells as merge calls on the commits they were computed from (optionally only those involving one thread). */
export function mergeCallsOf(matrix: ConflictMatrix, involving?: string): MergeCall[] {
  const calls: MergeCall[] = [];
  for (const pair of matrix.pairs) {
    if (involving !== undefined && pair.a !== involving && pair.b !== involving) continue;
    if (!pair.fromA || !pair.fromB) {
      throw new Error(
        `Cell ${pair.a}/${pair.b ?? 'base'} has no commits (${pair.status}: ${pair.error ?? ''})`,
      );
    }
    calls.push({ a: pair.a, b: pair.b, fromA: pair.fromA, fromB: pair.fromB });
  }
  return calls;
}

export interface Disagreement {
  a: string;
  b: string | null;
  host: string;
  raw: string;
}

/** Cells where the host's verdict (conflict or not, which paths) differs from raw merge-tree's. */
export function disagreements(matrix: ConflictMatrix, merges: RawMerge[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (const merge of merges) {
    const pair = matrix.pairs.find((cell) => cell.a === merge.a && cell.b === merge.b);
    const host = pair ? `${pair.status} [${[...pair.conflicts].sort().join(', ')}]` : 'missing';
    const rawStatus = merge.conflict ? 'conflict' : 'merges';
    const raw = `${rawStatus} [${[...merge.paths].sort().join(', ')}]`;
    const hostConflict = pair?.status === 'conflict';
    const samePaths =
      pair !== undefined && [...pair.conflicts].sort().join('\0') === [...merge.paths].sort().join('\0');
    if (!pair || hostConflict !== merge.conflict || !samePaths)
      found.push({ a: merge.a, b: merge.b, host, raw });
  }
  return found;
}

/**
 * inotify watches this process holds (Linux; null elsewhere). The host runs in-process, so these
 * are its file watchers'. Each watch counts against the user's fs.inotify.max_user_watches.
 */
export function inotifyWatches(): number | null {
  if (process.platform !== 'linux') return null;
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) !== 'anon_inode:inotify') continue;
      count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('inotify wd:')).length;
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return count;
}

/** The user's inotify watch limit (Linux), which the host's watchers share with every other process. */
export function inotifyLimit(): number | null {
  try {
    return Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim());
  } catch {
    return null;
  }
}
