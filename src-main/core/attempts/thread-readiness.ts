import type { Thread } from '../../../src-shared/contract';

/** A thread in these is being made; an attempt waits before it sends its first turn. */
const PENDING = new Set<Thread['status']>(['creating', 'setting_up']);

/** Why a thread will not become ready, or null while it may (pending) or is (anything else). */
export function notReadyReason(thread: Thread): string | null {
  switch (thread.status) {
    case 'setup_failed':
      return `Its setup failed${thread.statusDetail ? `: ${thread.statusDetail}` : '.'}`;
    case 'error':
    case 'missing':
      return thread.statusDetail ?? `Its thread is ${thread.status}.`;
    case 'archived':
      return 'Its thread was archived before it started.';
    case 'creating':
    case 'setting_up':
    case 'ready':
    case 'working':
    case 'waiting_approval':
    case 'done':
      return null;
  }
}

export interface ThreadReadiness {
  /** Resolves with the thread once it is past creation and setup; rejects with why it never will be. */
  wait(thread: Thread): Promise<Thread>;
  /** Fed with every `thread/updated`. */
  updated(thread: Thread): void;
  removed(threadId: string): void;
  /** Rejects every wait (the host is closing). */
  dispose(): void;
}

interface Waiter {
  resolve(thread: Thread): void;
  reject(error: Error): void;
}

export function createThreadReadiness(): ThreadReadiness {
  const waiters = new Map<string, Waiter[]>();
  const settle = (threadId: string, outcome: (waiter: Waiter) => void) => {
    const list = waiters.get(threadId);
    if (!list) return;
    waiters.delete(threadId);
    for (const waiter of list) outcome(waiter);
  };
  const updated = (thread: Thread) => {
    if (PENDING.has(thread.status)) return;
    const reason = notReadyReason(thread);
    settle(thread.id, (waiter) => (reason ? waiter.reject(new Error(reason)) : waiter.resolve(thread)));
  };
  return {
    wait(thread) {
      return new Promise<Thread>((resolve, reject) => {
        const list = waiters.get(thread.id) ?? [];
        list.push({ resolve, reject });
        waiters.set(thread.id, list);
        updated(thread);
      });
    },
    updated,
    removed(threadId) {
      settle(threadId, (waiter) => waiter.reject(new Error('Its thread was deleted before it started.')));
    },
    dispose() {
      for (const threadId of [...waiters.keys()])
        settle(threadId, (waiter) => waiter.reject(new Error('Skein closed before the attempt started.')));
    },
  };
}
