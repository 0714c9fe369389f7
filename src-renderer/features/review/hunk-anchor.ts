import type { DiffHunk } from '../../../src-shared/contract';

/** The part of Monaco's line change a hunk is placed by (its modified side). */
export interface ModifiedLineChange {
  modifiedStartLineNumber: number;
  /** 0 when the change only deletes lines: they were removed after `modifiedStartLineNumber`. */
  modifiedEndLineNumber: number;
}

/**
 * The line a hunk's button sits on: its first changed line as the editor sees it, not the first
 * context line git counts from, so the button is beside what it reverts. Without a matching change
 * (the editor has not finished diffing), the hunk's own first line.
 */
export function hunkAnchorLine(
  hunk: Pick<DiffHunk, 'newStart' | 'newLines'>,
  changes: readonly ModifiedLineChange[],
): number {
  const first = hunk.newStart;
  const last = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
  for (const change of changes) {
    const line = change.modifiedStartLineNumber;
    if (line >= first - 1 && line <= last) return Math.max(1, line);
  }
  return Math.max(1, hunk.newStart);
}
