import type { ReconcileAction } from '../../../src-shared/contract';
import type { ThreadContext, ThreadServiceDeps } from './context';
import { createWorktreePool } from './pool';
import { createPoolRows } from './pool-rows';
import { reconcileAll } from './reconcile';
import { restoreFromTrash } from './restore-from-trash';
import { startThread } from './start-thread';
import { archiveThread, deleteThread, requireThread, unarchiveThread } from './thread-lifecycle';
import { createThreadRows } from './thread-rows';
import { createTrashRows } from './trash-rows';
import type { ThreadService } from './types';
import { watchMissing, type MissingWatcher } from './watch-missing';

/**
 * How long quitting waits for worktrees still being made: a small checkout takes well under a second;
 * the app's whole stop grace is 10 s (STOP_GRACE_MS in electron/host-process.ts) before it sends signals.
 */
const DISPOSE_WORKTREE_GRACE_MS = 1_500;

export function createThreadService(deps: ThreadServiceDeps): ThreadService {
  const rows = createThreadRows(deps.db);
  const inFlight = new Map<string, Promise<void>>();
  /** Threads being archived or deleted: their worktree goes on purpose, the missing-folder watcher leaves them be. */
  const changing = new Map<string, number>();
  const whileChanging = async <T>(threadId: string, work: () => Promise<T>): Promise<T> => {
    changing.set(threadId, (changing.get(threadId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (changing.get(threadId) ?? 1) - 1;
      if (left > 0) changing.set(threadId, left);
      else changing.delete(threadId);
    }
  };
  let watcher: MissingWatcher | null = null;
  let disposed = false;

  const context: ThreadContext = {
    ...deps,
    rows,
    trashRows: createTrashRows(deps.db),
    poolRows: createPoolRows(deps.db),
    update(threadId, patch) {
      const thread = rows.update(threadId, patch);
      if (thread) deps.publisher.publish('thread/updated', { thread });
      return thread;
    },
    track(threadId, work) {
      const tracked = work.finally(() => {
        if (inFlight.get(threadId) === tracked) inFlight.delete(threadId);
      });
      inFlight.set(threadId, tracked);
    },
    async settled(threadId) {
      await inFlight.get(threadId);
    },
    get disposed() {
      return disposed;
    },
  };

  const pool = createWorktreePool(context);
  const unsubscribe = deps.projects.subscribe({
    added: (project) => pool.refill(project.id),
    updated: (project) => pool.refill(project.id),
    removing: (project) => pool.drain(project),
  });

  return {
    start: (input) => startThread(context, pool, input),

    list({ projectId, includeArchived }) {
      if (projectId) deps.projects.get(projectId);
      return rows.list(projectId).filter((thread) => includeArchived || thread.archivedAt === null);
    },

    get: (threadId) => requireThread(context, threadId),

    rename(threadId, title) {
      requireThread(context, threadId);
      return context.update(threadId, { title: title.trim() }) ?? requireThread(context, threadId);
    },

    archive: (threadId) => whileChanging(threadId, () => archiveThread(context, threadId)),
    unarchive: (threadId) => unarchiveThread(context, threadId),
    delete: (threadId, options) =>
      whileChanging(threadId, () => deleteThread(context, threadId, options.force === true)),

    trash(projectId) {
      deps.projects.get(projectId);
      return context.trashRows.list(projectId);
    },

    restore: (entryId, title) => restoreFromTrash(context, pool, entryId, title),

    async reconcile(): Promise<ReconcileAction[]> {
      const actions = await reconcileAll(context, pool);
      // Warm-up after the repair, so the pool never races reconcile over the same folders.
      for (const project of deps.projects.list()) pool.refill(project.id);
      return actions;
    },

    watchMissing(options) {
      void watcher?.dispose();
      watcher = watchMissing(context, pool, { ...options, isChanging: (threadId) => changing.has(threadId) });
      return watcher;
    },

    countLive: (projectId) => rows.countLive(projectId),

    async idle() {
      for (;;) {
        await pool.idle();
        if (inFlight.size === 0) return;
        await Promise.allSettled([...inFlight.values()]);
      }
    },

    async dispose() {
      if (disposed) return;
      await watcher?.dispose();
      unsubscribe();
      await pool.dispose();
      // Worktrees being made for threads get a moment to finish (they are a user's request), but a quit
      // must not wait on a stuck checkout or hook: past the grace the git queue stops them, and the next
      // start's reconcile repairs a half-made worktree. Setup commands end with the terminals.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight.values()]),
        new Promise((resolve) => (timer = setTimeout(resolve, DISPOSE_WORKTREE_GRACE_MS))),
      ]);
      clearTimeout(timer);
      disposed = true;
    },
  };
}
