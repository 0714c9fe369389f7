import { setMaxListeners } from 'node:events';
import type { ConflictMatrix, Project, Thread } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import {
  deleteRef,
  isGitAbortError,
  listRefs,
  resolveCommit,
  snapshotWorktree,
  updateRef,
  type GitQueue,
} from '../git';
import { createLogger } from '../log';
import { startThreadWatcher, type ThreadWatcher } from '../review';
import { PUBLISH_COALESCE_MS, RADAR_SNAPSHOT_DATE, RADAR_SNAPSHOT_MESSAGE } from './limits';
import { isLiveThread, radarRefName } from './live-threads';
import { buildMatrix, type RadarThreadState } from './matrix-build';
import { createMatrixPublisher } from './matrix-publisher';
import { createRadarJobs } from './radar-jobs';
import { errorText } from '../error-text';

const log = createLogger('conflicts');

interface Entry extends RadarThreadState {
  /** The snapshot run in flight; a trigger meanwhile sets `again` instead of starting a second one. */
  running: Promise<void> | null;
  again: boolean;
  watcher: Promise<ThreadWatcher | null> | null;
  /** The watch is up: one more snapshot, when the radar is idle, catches edits made while it started. */
  check: boolean;
  /** The commit `refs/skein/radar/<thread>` points at. */
  refCommit: string | null;
}

export interface ProjectRadarDeps {
  git: GitQueue;
  publisher: Publisher;
  project: Project;
  listThreads(): Thread[];
  watch: boolean;
}

/**
 * The radar of one project: a snapshot per live thread (taken on start, on file and ref changes,
 * after turns), the matrix's git work keyed by commit ids, and `conflicts/updated` when cells change.
 */
export function createProjectRadar(deps: ProjectRadarDeps) {
  const { git, project } = deps;
  const cwd = project.path;
  const entries = new Map<string, Entry>();
  const bases = new Map<string, string>();
  const baseErrors = new Map<string, string>();
  const background = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  // Every snapshot's git calls listen to it (dozens at once with many threads); none of them leaks.
  setMaxListeners(0, stopping.signal);
  let disposed = false;

  const jobs = createRadarJobs(git, cwd, () => reconcile());

  const track = (work: Promise<unknown>) => {
    const done = work.catch((error: unknown) => log.warn('Conflict radar upkeep failed', error));
    background.add(done);
    void done.finally(() => background.delete(done));
  };

  /**
   * Cells are being computed, or a thread has no first snapshot yet. A re-snapshot alone does not
   * count: most find nothing new, and one that does makes cells pending, which counts.
   */
  const computing = (): boolean =>
    jobs.busy || [...entries.values()].some((entry) => !entry.snapshot && !entry.error);

  const matrix = (): ConflictMatrix =>
    buildMatrix({
      projectId: project.id,
      threads: [...entries.values()],
      bases,
      baseErrors,
      merge: jobs.merge,
      touched: jobs.touched,
      computing: computing(),
      now: Date.now(),
    });

  const publisher = createMatrixPublisher({
    matrix,
    publish: (current) => deps.publisher.publish('conflicts/updated', current),
    onIdle() {
      startDeferredWatchers();
      for (const entry of entries.values()) {
        if (!entry.check) continue;
        entry.check = false;
        void refreshEntry(entry);
      }
    },
  });
  const schedulePublish = publisher.schedule;

  /** Asks for exactly the git work the current snapshots and bases need; cancels the rest. */
  const reconcile = () => {
    if (disposed) return;
    const ready = [...entries.values()].filter((entry) => entry.snapshot !== null && entry.error === null);
    const merges: [string, string][] = [];
    const touched: [string, string][] = [];
    ready.forEach((entry, index) => {
      const snapshot = entry.snapshot?.commit ?? '';
      for (const other of ready.slice(index + 1)) merges.push([snapshot, other.snapshot?.commit ?? '']);
      const baseCommit = bases.get(entry.thread.base);
      if (baseCommit === undefined) return;
      merges.push([snapshot, baseCommit]);
      touched.push([baseCommit, snapshot]);
    });
    // While threads still await their first snapshot, merges wait: the cold matrix then goes to git
    // as one burst of batches instead of a trickle of small ones.
    const warming = [...entries.values()].some((entry) => !entry.snapshot && !entry.error);
    jobs.want(merges, touched, { holdMerges: warming });
    schedulePublish();
  };

  const resolveBase = async (base: string): Promise<void> => {
    const call = { priority: 'low' as const, signal: stopping.signal };
    const commit =
      (await resolveCommit(git, cwd, `refs/heads/${base}`, call)) ??
      (await resolveCommit(git, cwd, base, call));
    if (commit === null) {
      bases.delete(base);
      baseErrors.set(
        base,
        `The base branch ${base} does not exist any more; merging into it is not possible.`,
      );
    } else {
      bases.set(base, commit);
      baseErrors.delete(base);
    }
  };

  const keepRef = (entry: Entry, commit: string) => {
    if (entry.refCommit === commit) return;
    entry.refCommit = commit;
    track(updateRef(git, cwd, radarRefName(entry.thread.id), commit, undefined, { priority: 'low' }));
  };

  const snapshotOnce = async (entry: Entry): Promise<void> => {
    try {
      const [snapshot] = await Promise.all([
        snapshotWorktree(git, entry.thread.worktreePath, {
          priority: 'low',
          signal: stopping.signal,
          commitDate: RADAR_SNAPSHOT_DATE,
          message: RADAR_SNAPSHOT_MESSAGE,
        }),
        resolveBase(entry.thread.base),
      ]);
      if (disposed || entries.get(entry.thread.id) !== entry) return;
      entry.snapshot = { head: snapshot.head, commit: snapshot.commit, uncommitted: snapshot.changed };
      entry.takenAt = Date.now();
      entry.error = null;
      keepRef(entry, snapshot.commit);
    } catch (error) {
      if (disposed || isGitAbortError(error)) return;
      entry.snapshot = null;
      entry.error = isLiveThread(entry.thread)
        ? `Could not snapshot the worktree: ${errorText(error)}`
        : `The worktree of "${entry.thread.title}" is missing.`;
      log.warn(`Snapshot of thread ${entry.thread.id} failed`, error);
    }
  };

  /** Re-snapshots a thread: at most one run at a time, and one more after it when triggered meanwhile. */
  const refreshEntry = (entry: Entry): Promise<void> => {
    entry.again = true;
    if (entry.running) return entry.running;
    const run = (async () => {
      while (entry.again && !disposed) {
        entry.again = false;
        await snapshotOnce(entry);
        reconcile();
      }
    })();
    entry.running = run.finally(() => {
      entry.running = null;
      reconcile();
    });
    return entry.running;
  };

  const startWatching = (entry: Entry) => {
    if (!deps.watch) return;
    const threadId = entry.thread.id;
    entry.watcher = startThreadWatcher(git, entry.thread, () => {
      const current = entries.get(threadId);
      if (current) void refreshEntry(current);
    }).then(
      (watcher) => {
        // Edits made while the watch was starting were not seen: one more look (free when nothing moved).
        if (entries.get(threadId) === entry) {
          entry.check = true;
          schedulePublish();
        }
        return watcher;
      },
      (error: unknown) => {
        log.warn(`Watching thread ${threadId} for the conflict radar failed`, error);
        return null;
      },
    );
  };

  const add = (thread: Thread) => {
    const entry: Entry = {
      thread,
      snapshot: null,
      takenAt: null,
      error: null,
      running: null,
      again: false,
      watcher: null,
      check: false,
      refCommit: null,
    };
    entries.set(thread.id, entry);
    if (watchersStarted) startWatching(entry);
    void refreshEntry(entry);
  };

  /**
   * Watchers of the threads found at start wait for the first full matrix: starting them walks
   * every worktree, CPU the cold matrix needs more. Threads that come later are watched at once.
   */
  let watchersStarted = false;
  let resolveWatchersStarted: () => void = () => undefined;
  const watchersStartedPromise = new Promise<void>((resolve) => (resolveWatchersStarted = resolve));
  function startDeferredWatchers(): void {
    if (watchersStarted || disposed) return;
    watchersStarted = true;
    for (const entry of entries.values()) if (entry.watcher === null) startWatching(entry);
    resolveWatchersStarted();
  }

  const remove = async (threadId: string, dropRef: boolean): Promise<void> => {
    const entry = entries.get(threadId);
    if (!entry) return;
    entries.delete(threadId);
    if (dropRef) track(deleteRef(git, cwd, radarRefName(threadId), { priority: 'low' }));
    reconcile();
    const watcher = await entry.watcher;
    await watcher?.close();
  };

  /** Refs of threads that are gone (deleted while the host was down). */
  const dropStaleRefs = async () => {
    const refs = await listRefs(git, cwd, 'refs/skein/radar/');
    for (const ref of refs) {
      const threadId = ref.ref.slice('refs/skein/radar/'.length);
      if (!entries.has(threadId)) await deleteRef(git, cwd, ref.ref, { priority: 'low' });
    }
  };

  /** Resolves with the matrix once nothing is computing, or with what there is after `timeoutMs`. */
  const settled = (timeoutMs: number) => publisher.settled(timeoutMs);

  for (const thread of deps.listThreads()) if (isLiveThread(thread)) add(thread);
  track(dropStaleRefs());
  // The matrix as it starts (every cell pending) goes out at once: clients learn the radar runs.
  schedulePublish();

  return {
    projectId: project.id,
    matrix,
    has: (threadId: string) => entries.has(threadId),
    state: (threadId: string): RadarThreadState | undefined => entries.get(threadId),
    baseCommit: (base: string): string | undefined => bases.get(base),
    liveThreads: (): Thread[] => [...entries.values()].map((entry) => entry.thread),
    merge: jobs.merge,
    touched: jobs.touched,
    /** A thread came, went or changed (archived, unarchived, ready, renamed). */
    threadChanged(thread: Thread): void {
      const entry = entries.get(thread.id);
      const live = isLiveThread(thread);
      if (entry && !live) void remove(thread.id, true);
      else if (!entry && live) add(thread);
      else if (entry) entry.thread = thread;
    },
    threadRemoved: (threadId: string) => remove(threadId, true),
    async refresh(threadId?: string): Promise<void> {
      const targets = threadId === undefined ? [...entries.values()] : [entries.get(threadId)];
      await Promise.all(targets.map((entry) => (entry ? refreshEntry(entry) : Promise.resolve())));
    },
    /**
     * Resolves once every live thread is watched (file saves reach the matrix) and the radar is
     * idle again after the catch-up snapshots; for tests and benchmarks. Gives up after `timeoutMs`.
     */
    async watching(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const left = () => Math.max(0, deadline - Date.now());
      const timeout = new Promise<void>((resolve) => {
        setTimeout(resolve, left()).unref();
      });
      schedulePublish();
      await Promise.race([watchersStartedPromise, timeout]);
      const watchers = [...entries.values()].map((entry) => entry.watcher ?? Promise.resolve(null));
      await Promise.race([Promise.all(watchers), timeout]);
      const busy = () => [...entries.values()].some((entry) => entry.check || entry.running !== null);
      while (Date.now() < deadline && busy()) {
        await settled(left());
        await new Promise((resolve) => setTimeout(resolve, PUBLISH_COALESCE_MS));
      }
    },
    settled,
    async dispose(): Promise<void> {
      disposed = true;
      resolveWatchersStarted();
      stopping.abort();
      jobs.dispose();
      const list = [...entries.values()];
      entries.clear();
      publisher.dispose();
      await Promise.allSettled(list.map((entry) => entry.running ?? Promise.resolve()));
      await Promise.allSettled(list.map(async (entry) => (await entry.watcher)?.close()));
      await Promise.allSettled([...background]);
    },
  };
}

export type ProjectRadar = ReturnType<typeof createProjectRadar>;
