import { isSkeinError } from '../../../src-shared/contract';
import type { Subscriber } from '../events';
import { createLogger } from '../log';
import { requireWorktree } from './review-thread';
import { startThreadWatcher, type ThreadWatcher } from './thread-watcher';
import type { ReviewServiceDeps } from './types';

const log = createLogger('review-watch');

interface WatchedThread {
  /** Subscriber id -> removes its close listener. */
  subscribers: Map<string, () => void>;
  watcher: Promise<ThreadWatcher>;
}

/**
 * One file watcher per thread, shared by every connection that has the thread's review open. It
 * closes when the last of them unwatches or disconnects, and when the thread is archived or deleted
 * (noticed on the next event: removing the worktree is itself one).
 */
export function createReviewWatchers(deps: ReviewServiceDeps) {
  const watched = new Map<string, WatchedThread>();

  const stop = async (threadId: string): Promise<void> => {
    const entry = watched.get(threadId);
    if (!entry) return;
    watched.delete(threadId);
    for (const removeListener of entry.subscribers.values()) removeListener();
    entry.subscribers.clear();
    try {
      await (await entry.watcher).close();
    } catch {
      // It never started: there is nothing to close.
    }
  };

  const changed = (threadId: string): void => {
    let live: boolean;
    try {
      live = deps.threads.get(threadId).archivedAt === null;
    } catch (error) {
      if (!isSkeinError(error) || error.kind !== 'NOT_FOUND')
        log.error(`Checking thread ${threadId} failed`, error);
      live = false;
    }
    if (live) deps.publisher.publish('review/changed', { threadId });
    else void stop(threadId);
  };

  const unwatch = async (threadId: string, subscriberId: string): Promise<void> => {
    const entry = watched.get(threadId);
    const removeListener = entry?.subscribers.get(subscriberId);
    if (!entry || !removeListener) return;
    removeListener();
    entry.subscribers.delete(subscriberId);
    if (entry.subscribers.size === 0) await stop(threadId);
  };

  return {
    async watch(threadId: string, subscriber: Subscriber): Promise<void> {
      const { thread } = requireWorktree(deps, threadId);
      let entry = watched.get(threadId);
      if (!entry) {
        const created: WatchedThread = {
          subscribers: new Map(),
          watcher: startThreadWatcher(deps.git, thread, () => changed(threadId)),
        };
        created.watcher.catch(() => {
          if (watched.get(threadId) === created) void stop(threadId);
        });
        watched.set(threadId, created);
        entry = created;
      }
      if (!entry.subscribers.has(subscriber.id)) {
        // A subscriber that is already gone runs the listener at once; the placeholder lets that unwatch find it.
        entry.subscribers.set(subscriber.id, () => undefined);
        const removeListener = subscriber.onClose(() => void unwatch(threadId, subscriber.id));
        if (entry.subscribers.has(subscriber.id)) entry.subscribers.set(subscriber.id, removeListener);
      }
      await entry.watcher;
    },
    unwatch,
    /** Closes the thread's watcher whoever watches it (the thread was archived or deleted). */
    stop,
    /** Threads being watched, for tests. */
    watchedThreads: (): string[] => [...watched.keys()],
    async dispose(): Promise<void> {
      await Promise.all([...watched.keys()].map(stop));
    },
  };
}
