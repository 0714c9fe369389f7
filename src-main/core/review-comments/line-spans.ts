/**
 * Line arithmetic for deciding whether a turn touched the lines a review comment is about. Pure.
 *
 * A `LineSpan` is lines `first..last` of one version of a file (1-based, inclusive). A span with
 * `last === first - 1` is empty: the place between line `last` and line `first`, where lines were
 * removed or would be inserted (`{ first: 1, last: 0 }` is the top of the file).
 */
export interface LineSpan {
  first: number;
  last: number;
}

/** One hunk of `git diff -U0`, as in its header `@@ -oldStart,oldLines +newStart,newLines @@`. */
export interface LineHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of a unified diff of one file (git omits a count of 1). */
export function parseHunks(diffText: string): LineHunk[] {
  const hunks: LineHunk[] = [];
  for (const line of diffText.split('\n')) {
    const match = HUNK_HEADER.exec(line);
    if (!match) continue;
    hunks.push({
      oldStart: Number(match[1]),
      oldLines: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newLines: match[4] === undefined ? 1 : Number(match[4]),
    });
  }
  return hunks;
}

/**
 * The lines a hunk replaces in the old version. For a pure insertion (`-a,0`) git gives `a` as the
 * line after which the new lines go, so the span is the empty place after line `a`.
 */
export function oldSpan(hunk: LineHunk): LineSpan {
  return hunk.oldLines === 0
    ? { first: hunk.oldStart + 1, last: hunk.oldStart }
    : { first: hunk.oldStart, last: hunk.oldStart + hunk.oldLines - 1 };
}

/** The lines a hunk writes in the new version; empty (`+c,0`, after line `c`) for a pure deletion. */
export function newSpan(hunk: LineHunk): LineSpan {
  return hunk.newLines === 0
    ? { first: hunk.newStart + 1, last: hunk.newStart }
    : { first: hunk.newStart, last: hunk.newStart + hunk.newLines - 1 };
}

function isEmpty(span: LineSpan): boolean {
  return span.last < span.first;
}

/**
 * Does a change of the lines `change` touch `target` (both in the same version of the file)?
 * Changing or deleting any target line does. An insertion touches only when it lands strictly
 * between two target lines: lines added just above or below a comment leave the commented lines
 * as they were, and calling that "resolved" would hide comments the agent never addressed.
 * An empty target (lines that were removed) is touched by an insertion at that very place, or by
 * a change that spans across it.
 */
export function spanTouches(change: LineSpan, target: LineSpan): boolean {
  if (isEmpty(change) && isEmpty(target)) return change.first === target.first;
  return change.first <= target.last && change.last >= target.first;
}

/** Does any hunk of a diff (old version → new version) touch any of `targets`, given in the old version? */
export function hunksTouch(hunks: readonly LineHunk[], targets: readonly LineSpan[]): boolean {
  return hunks.some((hunk) => targets.some((target) => spanTouches(oldSpan(hunk), target)));
}

/**
 * Where lines `target` of the old version of a file are in its new version, given the hunks of
 * `git diff -U0 old new`. Unchanged lines move by the lines added and removed above them; lines a
 * hunk changed map to what the hunk wrote there (an empty span where it only removed them).
 * Adjacent non-empty pieces are merged; empty ones are kept apart so an insertion at the place of
 * removed lines still counts.
 */
export function mapSpanForward(hunks: readonly LineHunk[], target: LineSpan): LineSpan[] {
  const sorted = [...hunks].sort((a, b) => oldSpan(a).first - oldSpan(b).first);
  const pieces: LineSpan[] = [];
  let line = target.first;
  while (line <= target.last) {
    const inside = sorted.find((hunk) => {
      const span = oldSpan(hunk);
      return !isEmpty(span) && span.first <= line && line <= span.last;
    });
    if (inside) {
      pieces.push(newSpan(inside));
      line = oldSpan(inside).last + 1;
      continue;
    }
    // An unchanged stretch: up to the next changed line or insertion, or the end of the target.
    const end = sorted.reduce((lowest, hunk) => {
      const span = oldSpan(hunk);
      if (isEmpty(span)) return span.last >= line ? Math.min(lowest, span.last) : lowest;
      return span.first > line ? Math.min(lowest, span.first - 1) : lowest;
    }, target.last);
    const shift = offsetBefore(sorted, line);
    pieces.push({ first: line + shift, last: end + shift });
    // Lines inserted right after the stretch and still inside the target belong to it.
    const inserted = sorted.filter((hunk) => hunk.oldLines === 0 && hunk.oldStart === end);
    if (end < target.last) pieces.push(...inserted.map(newSpan));
    line = end + 1;
  }
  return mergeSpans(pieces);
}

/** Lines added minus lines removed by the hunks wholly above old line `line`. */
function offsetBefore(hunks: readonly LineHunk[], line: number): number {
  return hunks
    .filter((hunk) => oldSpan(hunk).last < line)
    .reduce((sum, hunk) => sum + hunk.newLines - hunk.oldLines, 0);
}

function mergeSpans(pieces: LineSpan[]): LineSpan[] {
  const filled = pieces.filter((span) => !isEmpty(span)).sort((a, b) => a.first - b.first);
  const merged: LineSpan[] = [];
  for (const span of filled) {
    const last = merged.at(-1);
    if (last && span.first <= last.last + 1) last.last = Math.max(last.last, span.last);
    else merged.push({ ...span });
  }
  const places = pieces.filter(isEmpty);
  const distinct = places.filter(
    (span, index) => places.findIndex((other) => other.first === span.first) === index,
  );
  return [...merged, ...distinct];
}
