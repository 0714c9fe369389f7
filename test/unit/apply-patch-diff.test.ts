import { describe, expect, it } from 'vitest';
import { seekSequence, unifiedDiff } from '../../src-main/core/agents/tools/apply-patch';
import { diffLines, type DiffOp } from '../../src-main/core/agents/tools/apply-patch/line-diff';

function sides(ops: DiffOp[]): { before: string[]; after: string[] } {
  return {
    before: ops.filter((op) => op.type !== 'insert').map((op) => op.text),
    after: ops.filter((op) => op.type !== 'delete').map((op) => op.text),
  };
}

/** Small deterministic PRNG so the random cases are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('seekSequence', () => {
  it('tries exact, then trailing-whitespace, then trimmed, then punctuation-folded matches', () => {
    expect(seekSequence(['foo', 'bar', 'baz'], ['bar', 'baz'], 0, false)).toBe(1);
    expect(seekSequence(['foo   ', 'bar\t\t'], ['foo', 'bar'], 0, false)).toBe(0);
    expect(seekSequence(['    foo   ', '   bar\t'], ['foo', 'bar'], 0, false)).toBe(0);
    expect(seekSequence(['a \u2014 b \u201Cq\u201D'], ['a - b "q"'], 0, false)).toBe(0);
    expect(seekSequence(['just one line'], ['too', 'many', 'lines'], 0, false)).toBe(-1);
    expect(seekSequence(['x', 'y'], [], 1, false)).toBe(1);
  });

  it('searches from the start index, and at the end only for end-of-file hunks', () => {
    expect(seekSequence(['x', 'a', 'x'], ['x'], 1, false)).toBe(2);
    expect(seekSequence(['x', 'a', 'x', 'b'], ['x'], 0, true)).toBe(-1);
    expect(seekSequence(['x', 'a', 'x'], ['x'], 0, true)).toBe(2);
  });
});

describe('diffLines', () => {
  it('finds a minimal script for a simple change', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([
      { type: 'equal', text: 'a' },
      { type: 'delete', text: 'b' },
      { type: 'insert', text: 'x' },
      { type: 'equal', text: 'c' },
    ]);
  });

  it('reproduces both sides for random inputs', () => {
    const random = lcg(42);
    for (let round = 0; round < 200; round += 1) {
      const make = (): string[] =>
        Array.from({ length: Math.floor(random() * 30) }, () =>
          String.fromCharCode(97 + Math.floor(random() * 4)),
        );
      const before = make();
      const after = make();
      expect(sides(diffLines(before, after))).toEqual({ before, after });
    }
  });

  it('falls back to a block replacement for huge edit distances and stays correct', () => {
    const before = Array.from({ length: 6000 }, (_, index) => `old ${index}`);
    const after = Array.from({ length: 6000 }, (_, index) => `new ${index}`);
    expect(sides(diffLines(before, after))).toEqual({ before, after });
  });
});

describe('unifiedDiff', () => {
  it('separates distant changes into hunks with three lines of context', () => {
    const before = `${Array.from({ length: 20 }, (_, index) => `l${index + 1}`).join('\n')}\n`;
    const after = before.replace('l2\n', 'L2\n').replace('l18\n', 'L18\n');
    expect(unifiedDiff('f.txt', 'f.txt', before, after)).toBe(
      [
        '--- a/f.txt',
        '+++ b/f.txt',
        '@@ -1,5 +1,5 @@',
        ' l1',
        '-l2',
        '+L2',
        ' l3',
        ' l4',
        ' l5',
        '@@ -15,6 +15,6 @@',
        ' l15',
        ' l16',
        ' l17',
        '-l18',
        '+L18',
        ' l19',
        ' l20',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline the way git does', () => {
    expect(unifiedDiff('f', 'f', 'a\nb', 'a\nc')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff('f', 'f', 'a\nb', 'a\nb\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('is empty when nothing changed, and compares CRLF and LF text alike', () => {
    expect(unifiedDiff('f', 'f', 'same\n', 'same\n')).toBe('');
    expect(unifiedDiff('f', 'f', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n',
    );
  });
});
