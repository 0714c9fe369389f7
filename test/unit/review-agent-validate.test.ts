import { describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import {
  countLines,
  fitDiff,
  parseReviewOutput,
  referencedPaths,
  validateFindings,
  type DiffLineCounts,
} from '../../src-main/core/review-agent';

const FILES: DiffLineCounts = new Map<string, number | null>([
  ['src/a.ts', 20],
  ['src/gone.ts', null],
]);

const good = {
  title: 'Null check missing',
  explanation: 'user may be undefined here.',
  file: 'src/a.ts',
  startLine: 3,
  endLine: 5,
  severity: 'medium',
  confidence: 0.7,
};

describe('parseReviewOutput', () => {
  it('reads a bare or fenced JSON review', () => {
    const text = JSON.stringify({ verdict: 'comment', summary: ' Fine. ', findings: [good] });
    expect(parseReviewOutput(text)).toEqual({ verdict: 'comment', summary: 'Fine.', entries: [good] });
    expect(parseReviewOutput('```json\n' + text + '\n```').entries).toHaveLength(1);
  });

  it('fails on text that is not JSON, or JSON that is not a review', () => {
    expect(() => parseReviewOutput('The code looks fine.')).toThrow(SkeinError);
    expect(() => parseReviewOutput('The code looks fine.')).toThrow(/did not answer with JSON/);
    expect(() => parseReviewOutput('')).toThrow(/no text/);
    expect(() => parseReviewOutput('[1,2]')).toThrow(/not a review/);
    expect(() => parseReviewOutput('{"verdict":"approve","summary":"ok","findings":{}}')).toThrow(/findings/);
  });
});

describe('validateFindings', () => {
  it('keeps valid findings and reports each malformed one with its index and reason', () => {
    const entries = [
      good,
      { ...good, severity: 'blocker' },
      { ...good, title: undefined },
      { ...good, startLine: 19, endLine: 21 },
      { ...good, file: 'src/other.ts' },
      { ...good, file: 'src/gone.ts' },
      { ...good, startLine: 5, endLine: 3 },
      { ...good, confidence: 1.5 },
      { ...good, startLine: '3' },
      { ...good, startLine: 0 },
      null,
    ];
    const { valid, invalid } = validateFindings(entries, FILES);
    expect(valid).toEqual([good]);
    expect(invalid.map((entry) => entry.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reasons = invalid.map((entry) => entry.reason);
    expect(reasons[0]).toMatch(/^severity:/);
    expect(reasons[1]).toMatch(/^title:/);
    expect(reasons[2]).toBe('lines 19–21 are outside src/a.ts, which has 20 line(s)');
    expect(reasons[3]).toBe('the file src/other.ts is not in the reviewed diff');
    expect(reasons[4]).toContain('no text on the new side');
    expect(reasons[5]).toBe('endLine: endLine is before startLine');
    expect(reasons[6]).toMatch(/^confidence:/);
    expect(reasons[7]).toMatch(/^startLine:/);
    expect(reasons[8]).toMatch(/^startLine:/);
  });

  it('cuts the raw text of a long malformed entry', () => {
    const { invalid } = validateFindings([{ ...good, title: 'x'.repeat(2_000) }], FILES);
    expect(invalid[0]?.raw.length).toBeLessThanOrEqual(501);
    expect(invalid[0]?.raw.endsWith('…')).toBe(true);
  });

  it('lists the paths findings name', () => {
    expect(referencedPaths([good, { file: ' src/b.ts ' }, { file: 3 }, 'x', null])).toEqual([
      'src/a.ts',
      'src/b.ts',
    ]);
  });
});

describe('helpers', () => {
  it('counts lines as an editor numbers them', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('a\n\n')).toBe(2);
  });

  it('cuts the middle of a long diff and says so', () => {
    expect(fitDiff('short', 100)).toEqual({ text: 'short', truncated: false });
    const cut = fitDiff('a'.repeat(50) + 'b'.repeat(50), 20);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toBe(`${'a'.repeat(10)}\n[… 80 characters of the diff left out …]\n${'b'.repeat(10)}`);
  });
});
