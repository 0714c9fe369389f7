import type { ConflictMatrix, Thread, ThreadOverlaps } from '../../../src-shared/contract';

/**
 * Which other live threads touch the files `threadId` changed, and where they conflict, from the
 * matrix (no git). Threads that neither share a file nor conflict are left out.
 */
export function threadOverlapsFrom(
  matrix: ConflictMatrix,
  threadId: string,
  threadOf: (threadId: string) => Pick<Thread, 'title' | 'branch'> | undefined,
): ThreadOverlaps {
  const touchedOf = new Map(matrix.threads.map((thread) => [thread.threadId, thread.touched]));
  const touched = touchedOf.get(threadId) ?? [];
  const mine = new Set(touched);
  const others: ThreadOverlaps['others'] = [];
  for (const pair of matrix.pairs) {
    if (pair.b === null || (pair.a !== threadId && pair.b !== threadId)) continue;
    const other = pair.a === threadId ? pair.b : pair.a;
    const files = (touchedOf.get(other) ?? []).filter((path) => mine.has(path)).sort();
    if (files.length === 0 && pair.conflicts.length === 0) continue;
    const thread = threadOf(other);
    others.push({
      threadId: other,
      title: thread?.title ?? '',
      branch: thread?.branch ?? '',
      files,
      conflicts: pair.status === 'conflict' ? [...pair.conflicts].sort() : [],
    });
  }
  return { threadId, touched, others };
}
