import { existsSync } from 'node:fs';
import type { Thread } from '../../../src-shared/contract';

/** Statuses whose worktree is not (yet, or any more) there to snapshot. */
const NOT_LIVE = new Set<Thread['status']>(['creating', 'missing', 'archived']);

/** A thread the radar follows: not archived, its worktree made and on disk. */
export function isLiveThread(thread: Thread): boolean {
  return thread.archivedAt === null && !NOT_LIVE.has(thread.status) && existsSync(thread.worktreePath);
}

/** The ref that keeps a thread's latest radar snapshot (and its trees and blobs) safe from `git gc`. */
export function radarRefName(threadId: string): string {
  return `refs/skein/radar/${threadId}`;
}
