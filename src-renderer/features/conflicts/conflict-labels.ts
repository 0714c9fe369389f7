import type {
  ConflictFileKind,
  ConflictMatrix,
  ConflictPair,
  PairStatus,
  RadarThread,
  SimulationStep,
} from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';

/** Names a thread by its id (its title, or something readable when it is gone). */
export type TitleOf = (threadId: string) => string;

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "A", "A and B", "A, B and C". */
export function listInWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function radarThreadOf(matrix: ConflictMatrix | undefined, threadId: string): RadarThread | undefined {
  return matrix?.threads.find((t) => t.threadId === threadId);
}

/** The cell for two threads in either order, or a thread against its base (`b` null). */
export function pairBetween(
  matrix: ConflictMatrix | undefined,
  a: string,
  b: string | null,
): ConflictPair | undefined {
  return matrix?.pairs.find((p) =>
    b === null ? p.a === a && p.b === null : (p.a === a && p.b === b) || (p.a === b && p.b === a),
  );
}

export type BadgeTone = 'conflict' | 'overlap';

export interface ConflictBadgeText {
  tone: BadgeTone;
  /** What the row shows: an icon and a count. */
  text: string;
  /** The accessible name: what the icon means. */
  label: string;
  /** The tooltip: which threads, by name. */
  title: string;
}

/** The sidebar badge of a thread, or null when it neither conflicts nor overlaps with anyone. */
export function badgeFor(
  thread: RadarThread | undefined,
  titleOf: TitleOf,
  base: string,
): ConflictBadgeText | null {
  if (!thread) return null;
  const others = thread.conflictsWith.length;
  if (others > 0 || thread.conflictsWithBase) {
    const parts = [
      ...(others > 0 ? [plural(others, 'thread')] : []),
      ...(thread.conflictsWithBase ? ['base'] : []),
    ];
    const names = [
      ...thread.conflictsWith.map(titleOf),
      ...(thread.conflictsWithBase ? [`the base ${base}`] : []),
    ];
    return {
      tone: 'conflict',
      text: `⚠ ${others + (thread.conflictsWithBase ? 1 : 0)}`,
      label: `Conflicts with ${listInWords(parts)}`,
      title: `Conflicts with ${listInWords(names)}`,
    };
  }
  if (thread.overlapsWith.length > 0) {
    return {
      tone: 'overlap',
      text: `◐ ${thread.overlapsWith.length}`,
      label: `Overlaps with ${plural(thread.overlapsWith.length, 'thread')}`,
      title: `Changes files that ${listInWords(thread.overlapsWith.map(titleOf))} also change (merges cleanly)`,
    };
  }
  return null;
}

/** What a cell says in words: the end of its accessible name and the status line of its details. */
export function describePair(pair: ConflictPair | undefined): string {
  if (!pair) return 'computing';
  switch (pair.status) {
    case 'conflict':
      return `conflict in ${plural(pair.conflicts.length, 'file')}`;
    case 'overlap':
      return `overlap in ${plural(pair.overlaps.length, 'file')}`;
    case 'clean':
      return 'clean';
    case 'pending':
      return 'computing';
    case 'error':
      return `error: ${pair.error ?? 'git failed'}`;
    default:
      return assertNever(pair.status);
  }
}

/** The icon of a status, so colour is never the only signal. */
export function statusIcon(status: PairStatus | undefined): string {
  switch (status) {
    case 'conflict':
      return '⚠';
    case 'overlap':
      return '◐';
    case 'clean':
      return '✓';
    case 'pending':
    case undefined:
      return '…';
    case 'error':
      return '!';
    default:
      return assertNever(status);
  }
}

/** The short mark inside a cell: its icon, and a file count where files are involved. */
export function cellMark(pair: ConflictPair | undefined): string {
  const icon = statusIcon(pair?.status);
  if (pair?.status === 'conflict') return `${icon} ${pair.conflicts.length}`;
  if (pair?.status === 'overlap') return `${icon} ${pair.overlaps.length}`;
  return icon;
}

/** The name of the other side of a cell: a thread's title or its base. */
export function sideName(b: string | null, titleOf: TitleOf, base: string): string {
  return b === null ? `base ${base}` : titleOf(b);
}

export function cellLabel(aTitle: string, bName: string, pair: ConflictPair | undefined): string {
  return `${aTitle} and ${bName}: ${describePair(pair)}`;
}

export function fileKindLabel(kind: ConflictFileKind): string {
  switch (kind) {
    case 'content':
      return 'both change the same lines';
    case 'binary':
      return 'binary file changed on both sides';
    case 'modify-delete':
      return 'changed on one side, deleted on the other';
    case 'rename':
      return 'renamed on one side, changed on the other';
    case 'add-add':
      return 'added on both sides with different content';
    case 'other':
      return 'conflict';
    default:
      return assertNever(kind);
  }
}

export interface MergeWarning {
  /** "Merging this thread will conflict with B (src/app.ts) and its base main (README.md)." */
  text: string;
  /** The threads (and the base, as null) it names, for "Open conflict radar" to select. */
  with: (string | null)[];
}

function filesInWords(paths: string[]): string {
  const SHOWN = 3;
  const shown = paths.slice(0, SHOWN).join(', ');
  return paths.length > SHOWN ? `${shown} and ${paths.length - SHOWN} more` : shown;
}

/** The warning a thread's review shows before merge, or null when it conflicts with nobody. */
export function mergeWarningFor(
  matrix: ConflictMatrix | undefined,
  threadId: string,
  titleOf: TitleOf,
): MergeWarning | null {
  const thread = radarThreadOf(matrix, threadId);
  if (!thread || (thread.conflictsWith.length === 0 && !thread.conflictsWithBase)) return null;
  const named = (b: string | null, name: string) => {
    const files = pairBetween(matrix, threadId, b)?.conflicts ?? [];
    return files.length > 0 ? `${name} (${filesInWords(files)})` : name;
  };
  const parts = thread.conflictsWith.map((other) => named(other, titleOf(other)));
  if (thread.conflictsWithBase) parts.push(named(null, `its base ${thread.base}`));
  return {
    text: `Merging this thread will conflict with ${listInWords(parts)}.`,
    with: [...thread.conflictsWith, ...(thread.conflictsWithBase ? [null] : [])],
  };
}

export function simulationStepText(step: SimulationStep): string {
  switch (step.outcome) {
    case 'merged':
      return 'merges cleanly';
    case 'conflict':
      return step.conflicts.length > 0
        ? `conflicts in ${step.conflicts.join(', ')}; left out of the chain`
        : 'conflicts; left out of the chain';
    case 'error':
      return `could not be tried: ${step.error ?? 'git failed'}`;
    default:
      return assertNever(step.outcome);
  }
}
