import type { ConflictMatrix, ConflictPair, RadarThread, Thread } from '../../../src-shared/contract';
import { suggestMergeOrder } from './merge-order';

export interface ThreadSnapshotState {
  head: string;
  commit: string;
  uncommitted: boolean;
}

export interface RadarThreadState {
  thread: Thread;
  snapshot: ThreadSnapshotState | null;
  takenAt: number | null;
  error: string | null;
}

/** What `merge-tree` said about two commits: the conflicted paths, or why it could not run. */
export type MergeOutcome = { conflicts: string[]; tree: string } | { error: string };

/** Paths a snapshot changed since its merge-base with the base, and paths the base changed since then. */
export interface TouchedInfo {
  touched: string[];
  baseChanged: string[];
  /** The base commit's tree: a merge that yields it brings nothing new (the thread is already in the base). */
  baseTree: string | null;
}

export interface MatrixInputs {
  projectId: string;
  threads: RadarThreadState[];
  /** Base name -> commit; a base missing here is in `baseErrors` or not resolved yet. */
  bases: ReadonlyMap<string, string>;
  baseErrors: ReadonlyMap<string, string>;
  merge(a: string, b: string): MergeOutcome | undefined;
  touched(baseCommit: string, snapshot: string): TouchedInfo | undefined;
  computing: boolean;
  now: number;
}

function intersect(a: string[], b: string[], minus: string[]): string[] {
  const other = new Set(b);
  const excluded = new Set(minus);
  return a.filter((path) => other.has(path) && !excluded.has(path)).sort();
}

function cell(
  a: string,
  b: string | null,
  fromA: string | null,
  fromB: string | null,
  partial: Pick<ConflictPair, 'status'> & Partial<ConflictPair>,
): ConflictPair {
  return { a, b, conflicts: [], overlaps: [], error: null, fromA, fromB, ...partial };
}

/** One cell from what is known: pending until both the merge and both sides' touched paths are in. */
function judge(
  a: string,
  b: string | null,
  fromA: string,
  fromB: string,
  outcome: MergeOutcome | undefined,
  sides: [string[], string[]] | null,
): ConflictPair {
  if (outcome === undefined) return cell(a, b, fromA, fromB, { status: 'pending' });
  if ('error' in outcome) return cell(a, b, fromA, fromB, { status: 'error', error: outcome.error });
  const conflicts = outcome.conflicts;
  if (sides === null) {
    return cell(a, b, fromA, fromB, { status: conflicts.length > 0 ? 'conflict' : 'pending', conflicts });
  }
  const overlaps = intersect(sides[0], sides[1], conflicts);
  const status = conflicts.length > 0 ? 'conflict' : overlaps.length > 0 ? 'overlap' : 'clean';
  return cell(a, b, fromA, fromB, { status, conflicts, overlaps });
}

function threadPair(inputs: MatrixInputs, x: RadarThreadState, y: RadarThreadState): ConflictPair {
  const a = x.thread.id;
  const b = y.thread.id;
  const failed = x.error ?? y.error;
  if (failed !== null) return cell(a, b, null, null, { status: 'error', error: failed });
  if (!x.snapshot || !y.snapshot) return cell(a, b, null, null, { status: 'pending' });
  const touchedOf = (state: RadarThreadState, snapshot: string) => {
    const baseCommit = inputs.bases.get(state.thread.base);
    return baseCommit === undefined ? undefined : inputs.touched(baseCommit, snapshot)?.touched;
  };
  const touchedX = touchedOf(x, x.snapshot.commit);
  const touchedY = touchedOf(y, y.snapshot.commit);
  const sides: [string[], string[]] | null = touchedX && touchedY ? [touchedX, touchedY] : null;
  return judge(
    a,
    b,
    x.snapshot.commit,
    y.snapshot.commit,
    inputs.merge(x.snapshot.commit, y.snapshot.commit),
    sides,
  );
}

function basePair(inputs: MatrixInputs, x: RadarThreadState): ConflictPair {
  const a = x.thread.id;
  const baseCommit = inputs.bases.get(x.thread.base) ?? null;
  if (x.error !== null) return cell(a, null, null, baseCommit, { status: 'error', error: x.error });
  const baseError = inputs.baseErrors.get(x.thread.base);
  if (baseCommit === null && baseError !== undefined)
    return cell(a, null, x.snapshot?.commit ?? null, null, { status: 'error', error: baseError });
  if (!x.snapshot || baseCommit === null)
    return cell(a, null, x.snapshot?.commit ?? null, baseCommit, { status: 'pending' });
  const info = inputs.touched(baseCommit, x.snapshot.commit);
  const outcome = inputs.merge(x.snapshot.commit, baseCommit);
  if (info && outcome && 'tree' in outcome && outcome.tree === info.baseTree)
    return cell(a, null, x.snapshot.commit, baseCommit, { status: 'clean' });
  const sides: [string[], string[]] | null = info ? [info.touched, info.baseChanged] : null;
  return judge(a, null, x.snapshot.commit, baseCommit, inputs.merge(x.snapshot.commit, baseCommit), sides);
}

/** The matrix clients see, built from the radar's state and caches (no git). */
export function buildMatrix(inputs: MatrixInputs): ConflictMatrix {
  const states = inputs.threads;
  const pairs: ConflictPair[] = [];
  for (let i = 0; i < states.length; i += 1)
    for (let j = i + 1; j < states.length; j += 1) pairs.push(threadPair(inputs, states[i]!, states[j]!));
  for (const state of states) pairs.push(basePair(inputs, state));

  const threads: RadarThread[] = states.map((state) => {
    const id = state.thread.id;
    const mine = pairs.filter((pair) => pair.a === id || pair.b === id);
    const others = (status: ConflictPair['status']) =>
      mine
        .filter((pair) => pair.b !== null && pair.status === status)
        .map((pair) => (pair.a === id ? pair.b : pair.a))
        .filter((other): other is string => other !== null);
    const baseCommit = inputs.bases.get(state.thread.base);
    const touched =
      state.snapshot && baseCommit !== undefined
        ? (inputs.touched(baseCommit, state.snapshot.commit)?.touched ?? [])
        : [];
    return {
      threadId: id,
      base: state.thread.base,
      snapshot: state.snapshot?.commit ?? null,
      head: state.snapshot?.head ?? null,
      uncommitted: state.snapshot?.uncommitted ?? false,
      touched: [...touched].sort(),
      conflictsWith: others('conflict'),
      conflictsWithBase: mine.some((pair) => pair.b === null && pair.status === 'conflict'),
      overlapsWith: others('overlap'),
      takenAt: state.takenAt,
      error: state.error,
    };
  });

  return {
    projectId: inputs.projectId,
    bases: Object.fromEntries(inputs.bases),
    threads,
    pairs,
    computing: inputs.computing,
    suggestedOrder: suggestMergeOrder(
      states.map((state) => ({ threadId: state.thread.id, base: state.thread.base })),
      pairs,
    ),
    updatedAt: inputs.now,
  };
}
