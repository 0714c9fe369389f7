import { describe, expect, it } from 'vitest';
import {
  hunksTouch,
  mapSpanForward,
  parseHunks,
  spanTouches,
  type LineHunk,
  type LineSpan,
} from '../../src-main/core/review-comments';

/** A hunk from its `git diff -U0` header, e.g. `-3,2 +3,0`. */
function hunk(header: string): LineHunk {
  const [parsed] = parseHunks(`@@ ${header} @@`);
  if (!parsed) throw new Error(`not a hunk header: ${header}`);
  return parsed;
}

const lines = (first: number, last: number): LineSpan => ({ first, last });
/** The empty place after line `after` (where lines were removed). */
const place = (after: number): LineSpan => ({ first: after + 1, last: after });

function touches(header: string, target: LineSpan): boolean {
  return hunksTouch([hunk(header)], [target]);
}

describe('parseHunks', () => {
  it('reads counts, and a missing count as 1', () => {
    const diff = [
      'diff --git a/f b/f',
      'index 1..2 100644',
      '--- a/f',
      '+++ b/f',
      '@@ -3 +3 @@ function f()',
      '-a',
      '+b',
      '@@ -0,0 +1,2 @@',
      '+x',
      '+y',
      '@@ -7,3 +9,0 @@',
      '-@@ -1 +1 @@ looks like a header but is a removed line',
    ].join('\n');
    expect(parseHunks(diff)).toEqual([
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 },
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 },
      { oldStart: 7, oldLines: 3, newStart: 9, newLines: 0 },
    ]);
  });
});

describe('whether a turn touched commented lines (new side: lines of the turn\'s "before")', () => {
  it('a single commented line is touched only by changing or deleting it', () => {
    expect(touches('-4 +4', lines(4, 4))).toBe(true);
    expect(touches('-4 +3,0', lines(4, 4))).toBe(true);
    expect(touches('-3 +3', lines(4, 4))).toBe(false);
    expect(touches('-5 +5', lines(4, 4))).toBe(false);
    // Lines added just above or just below it leave it as it was.
    expect(touches('-3,0 +4,2', lines(4, 4))).toBe(false);
    expect(touches('-4,0 +5,2', lines(4, 4))).toBe(false);
  });

  it('counts a change at either end of a range, and nothing past its ends', () => {
    const range = lines(3, 5);
    expect(touches('-2,2 +2,1', range)).toBe(true);
    expect(touches('-5,2 +5,0', range)).toBe(true);
    expect(touches('-1,2 +1,2', range)).toBe(false);
    expect(touches('-6 +6', range)).toBe(false);
    expect(touches('-1,10 +1,1', range)).toBe(true);
  });

  it('counts an insertion between commented lines but not one at the range boundary', () => {
    const range = lines(3, 5);
    expect(touches('-2,0 +3,4', range)).toBe(false);
    expect(touches('-5,0 +6,4', range)).toBe(false);
    expect(touches('-3,0 +4,1', range)).toBe(true);
    expect(touches('-4,0 +5,1', range)).toBe(true);
    expect(touches('-0,0 +1,1', lines(1, 1))).toBe(false);
  });

  it('reads the old range of a hunk, not the new one', () => {
    // Lines 3-4 were removed; the new side's numbers (+3,1) would wrongly point at the old line 5.
    expect(touches('-3,2 +2,0', lines(5, 5))).toBe(false);
    // Ten lines inserted at the top push nothing of the old file into a hunk.
    expect(touches('-0,0 +1,10', lines(2, 3))).toBe(false);
  });

  it('counts a deleted file as touching every line', () => {
    expect(touches('-1,20 +0,0', lines(20, 20))).toBe(true);
  });

  it('treats a place where lines were removed as touched by an insertion there or a change across it', () => {
    expect(spanTouches(place(2), place(2))).toBe(true);
    expect(spanTouches(place(3), place(2))).toBe(false);
    expect(touches('-2,2 +2,1', place(2))).toBe(true);
    expect(touches('-3 +3', place(2))).toBe(false);
    expect(touches('-2 +2', place(2))).toBe(false);
  });

  it('checks every hunk against every target', () => {
    expect(hunksTouch([hunk('-1 +1'), hunk('-9 +9')], [lines(4, 5), lines(9, 9)])).toBe(true);
    expect(hunksTouch([hunk('-1 +1'), hunk('-9 +9')], [lines(4, 5)])).toBe(false);
    expect(hunksTouch([], [lines(1, 1)])).toBe(false);
  });
});

describe('carrying old-side lines (the base) into the turn\'s "before" through the thread\'s diff', () => {
  it('keeps lines where the thread changed nothing', () => {
    expect(mapSpanForward([], lines(3, 5))).toEqual([lines(3, 5)]);
    expect(mapSpanForward([hunk('-9 +9')], lines(3, 5))).toEqual([lines(3, 5)]);
  });

  it('shifts lines by what was inserted or removed above them', () => {
    expect(mapSpanForward([hunk('-1,0 +2,3')], lines(5, 6))).toEqual([lines(8, 9)]);
    expect(mapSpanForward([hunk('-2,2 +1,0')], lines(5, 6))).toEqual([lines(3, 4)]);
    expect(mapSpanForward([hunk('-1,0 +2,3'), hunk('-3 +6,2')], lines(5, 5))).toEqual([lines(9, 9)]);
  });

  it('maps changed lines to what replaced them', () => {
    expect(mapSpanForward([hunk('-4 +4,2')], lines(3, 5))).toEqual([lines(3, 6)]);
    expect(mapSpanForward([hunk('-3,0 +4,2')], lines(3, 5))).toEqual([lines(3, 7)]);
    // An insertion at the boundary is not part of the commented lines.
    expect(mapSpanForward([hunk('-5,0 +6,1')], lines(3, 5))).toEqual([lines(3, 5)]);
  });

  it('maps removed lines to the place they were removed from, so restoring them counts', () => {
    const targets = mapSpanForward([hunk('-3,2 +2,0')], lines(3, 5));
    expect(targets).toEqual([lines(3, 3), place(2)]);
    expect(hunksTouch([hunk('-2,0 +3,2')], targets)).toBe(true);
    expect(hunksTouch([hunk('-3 +3')], targets)).toBe(true);
    expect(hunksTouch([hunk('-1 +1')], targets)).toBe(false);
  });

  it('maps lines of a file the thread deleted to its top, touched when a turn writes it again', () => {
    const targets = mapSpanForward([hunk('-1,10 +0,0')], lines(3, 4));
    expect(targets).toEqual([place(0)]);
    expect(hunksTouch([hunk('-0,0 +1,5')], targets)).toBe(true);
  });
});
