import type { FileChangeKind } from '../../../src-shared/contract';

/** One file of `git diff --raw --numstat -z`: what changed, its blobs and modes, its line counts. */
export interface RawChange {
  path: string;
  /** The source of a rename or copy. */
  oldPath: string | null;
  change: FileChangeKind;
  /** Octal modes; null on the side where the file is absent (git prints 000000). */
  oldMode: string | null;
  newMode: string | null;
  /** Blob (or, for a submodule, commit) ids; null on the absent side. */
  oldObject: string | null;
  newObject: string | null;
  /** Null for binary files (numstat prints `-`). */
  additions: number | null;
  deletions: number | null;
  binary: boolean;
}

/** Mode of a submodule entry: its "object" is a commit of another repository. */
export const GITLINK_MODE = '160000';

function changeKind(status: string): FileChangeKind {
  switch (status.charAt(0)) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    case 'C':
      return 'copied';
    case 'T':
      return 'type_changed';
    default:
      // M, and U/X which cannot occur between two commits.
      return 'modified';
  }
}

/** Git prints zeros (`000000`, `0000…`) for the mode and id of an absent side. */
function absentAsNull(value: string): string | null {
  return /^0+$/.test(value) ? null : value;
}

/** One record of `git diff --numstat -z`. */
export interface NumstatEntry {
  path: string;
  /** Set for a rename or copy. */
  oldPath: string | null;
  additions: number | null;
  deletions: number | null;
  binary: boolean;
}

/** Records `:<oldMode> <newMode> <oldId> <newId> <status>\0<path>\0` (`\0<newPath>\0` for R/C) from `start`. */
function readRaw(fields: string[], start: number): { changes: RawChange[]; next: number } {
  const changes: RawChange[] = [];
  let index = start;
  while (index < fields.length && fields[index]!.startsWith(':')) {
    const [oldMode = '', newMode = '', oldObject = '', newObject = '', status = ''] =
      fields[index]!.slice(1).split(' ');
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const first = fields[index + 1] ?? '';
    const second = twoPaths ? (fields[index + 2] ?? '') : null;
    index += twoPaths ? 3 : 2;
    changes.push({
      path: second ?? first,
      oldPath: second === null ? null : first,
      change: changeKind(status),
      oldMode: absentAsNull(oldMode),
      newMode: absentAsNull(newMode),
      oldObject: absentAsNull(oldObject),
      newObject: absentAsNull(newObject),
      additions: null,
      deletions: null,
      binary: false,
    });
  }
  return { changes, next: index };
}

/** Records `<added>\t<deleted>\t<path>\0`, or `<added>\t<deleted>\t\0<oldPath>\0<newPath>\0` for R/C, from `start`. */
function readNumstat(fields: string[], start: number): NumstatEntry[] {
  const entries: NumstatEntry[] = [];
  let index = start;
  while (index < fields.length && fields[index] !== '') {
    const [added = '-', deleted = '-', path = ''] = fields[index]!.split('\t');
    const renamed = path === '';
    const binary = added === '-' || deleted === '-';
    entries.push({
      path: renamed ? (fields[index + 2] ?? '') : path,
      oldPath: renamed ? (fields[index + 1] ?? '') : null,
      additions: binary ? null : Number.parseInt(added, 10) || 0,
      deletions: binary ? null : Number.parseInt(deleted, 10) || 0,
      binary,
    });
    index += renamed ? 3 : 1;
  }
  return entries;
}

/** Parses `git diff --raw -z`; line counts stay unknown (null). */
export function parseRaw(output: string): RawChange[] {
  return readRaw(output.split('\0'), 0).changes;
}

/** Parses `git diff --numstat -z`. */
export function parseNumstat(output: string): NumstatEntry[] {
  return readNumstat(output.split('\0'), 0);
}

/** A change with the line counts (and binary flag) of a numstat record. */
export function withCounts(change: RawChange, counts: Omit<NumstatEntry, 'path' | 'oldPath'>): RawChange {
  return { ...change, additions: counts.additions, deletions: counts.deletions, binary: counts.binary };
}

/**
 * Parses `git diff --raw --numstat -z [-M]` between two commits: git prints every raw record
 * first, then every numstat record, in the same order.
 */
export function parseRawNumstat(output: string): RawChange[] {
  const fields = output.split('\0');
  const { changes, next } = readRaw(fields, 0);
  const counts = readNumstat(fields, next);
  return changes.map((change, index) => {
    const entry = counts[index];
    return entry ? withCounts(change, entry) : change;
  });
}
