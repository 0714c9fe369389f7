import type { ConflictPair } from '../../../src-shared/contract';

export interface OrderThread {
  threadId: string;
  base: string;
}

function conflictSets(pairs: ConflictPair[]): {
  withThread: Map<string, Set<string>>;
  withBase: Set<string>;
} {
  const withThread = new Map<string, Set<string>>();
  const withBase = new Set<string>();
  const add = (a: string, b: string) => {
    let set = withThread.get(a);
    if (!set) withThread.set(a, (set = new Set()));
    set.add(b);
  };
  for (const pair of pairs) {
    // A thread whose merge into the base could not be computed is as doubtful as one that conflicts.
    if (pair.b === null && (pair.status === 'conflict' || pair.status === 'error')) withBase.add(pair.a);
    if (pair.status !== 'conflict' || pair.b === null) continue;
    add(pair.a, pair.b);
    add(pair.b, pair.a);
  }
  return { withThread, withBase };
}

/**
 * An order that lands the most threads cleanly, from the matrix alone (no git): per base (in the
 * order bases first appear), greedily take the thread with the fewest conflicts among those left
 * that conflicts with none taken so far; then the rest of that base's threads by fewest conflicts;
 * threads that conflict with the base itself (or could not be merged with it) come last. Ties keep
 * the given order.
 */
export function suggestMergeOrder(threads: OrderThread[], pairs: ConflictPair[]): string[] {
  const { withThread, withBase } = conflictSets(pairs);
  const bases: string[] = [];
  for (const thread of threads) if (!bases.includes(thread.base)) bases.push(thread.base);
  const order: string[] = [];
  for (const base of bases) {
    const group = threads.filter((thread) => thread.base === base).map((thread) => thread.threadId);
    const remaining = group.filter((id) => !withBase.has(id));
    const conflictsAmong = (id: string, among: string[]) =>
      among.filter((other) => withThread.get(id)?.has(other) ?? false).length;
    const fewestFirst = (ids: string[], among: string[] = ids) =>
      ids
        .map((id, index) => ({ id, index, count: conflictsAmong(id, among) }))
        .sort((x, y) => x.count - y.count || x.index - y.index)
        .map((entry) => entry.id);
    const chosen: string[] = [];
    for (;;) {
      const candidates = remaining.filter((id) => !chosen.some((taken) => withThread.get(id)?.has(taken)));
      const next = fewestFirst(candidates, remaining)[0];
      if (next === undefined) break;
      chosen.push(next);
      remaining.splice(remaining.indexOf(next), 1);
    }
    order.push(...chosen, ...fewestFirst(remaining), ...fewestFirst(group.filter((id) => withBase.has(id))));
  }
  return order;
}
