import { describe, expect, it } from 'vitest';
import { classifyDiffLine, diffLines, diffStats } from '../../src-renderer/features/conversation/diff-lines';
import {
  describeUsage,
  formatCost,
  formatDuration,
  formatTokens,
  splitFences,
} from '../../src-renderer/features/conversation/format';

describe('diff lines', () => {
  it('tells headers, hunks, additions and removals apart in a unified diff', () => {
    const diff = ['--- a/x.ts', '+++ b/x.ts', '@@ -1,2 +1,2 @@', ' same', '-old', '+new', ''].join('\n');
    expect(diffLines(diff).map((line) => line.kind)).toEqual([
      'header',
      'header',
      'hunk',
      'context',
      'remove',
      'add',
    ]);
    expect(diffStats(diff)).toEqual({ added: 1, removed: 1 });
  });

  it('reads the Codex patch grammar too', () => {
    expect(classifyDiffLine('*** Begin Patch')).toBe('header');
    expect(classifyDiffLine('*** Add File: hello.txt')).toBe('header');
    expect(classifyDiffLine('+hello')).toBe('add');
    expect(classifyDiffLine('@@ def f():')).toBe('hunk');
  });
});

describe('formatting', () => {
  it('formats durations, tokens and costs for the turn footer', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12k');
    expect(formatTokens(1_234)).toBe('1.2k');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.256)).toBe('$1.26');
    expect(
      describeUsage({ inputTokens: 1200, outputTokens: 300, cachedTokens: 0, reasoningTokens: 0 }, null),
    ).toBe('1.2k in · 300 out');
  });

  it('splits code fences out of a message, an unclosed one running to the end', () => {
    expect(splitFences('Run this:\n```sh\nnpm test\n```\nThen done.')).toEqual([
      { kind: 'text', text: 'Run this:' },
      { kind: 'code', text: 'npm test', language: 'sh' },
      { kind: 'text', text: 'Then done.' },
    ]);
    expect(splitFences('Streaming:\n```\nline 1')).toEqual([
      { kind: 'text', text: 'Streaming:' },
      { kind: 'code', text: 'line 1', language: '' },
    ]);
    expect(splitFences('')).toEqual([]);
  });
});
