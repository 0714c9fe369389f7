import { describe, expect, it } from 'vitest';
import { buildReviewMessage } from '../../src-main/core/review-comments';

type Quoted = Parameters<typeof buildReviewMessage>[0][number];

function comment(partial: Partial<Quoted>): Quoted {
  return {
    path: 'src/a.ts',
    side: 'new',
    startLine: 3,
    endLine: 5,
    body: 'Fix this.',
    quote: 'x',
    ...partial,
  };
}

describe('buildReviewMessage', () => {
  it('quotes each comment with its file, lines and side, by file and line, then the extra words', () => {
    const message = buildReviewMessage(
      [
        comment({
          path: 'src/b.ts',
          startLine: 7,
          endLine: 7,
          body: 'Name this better.',
          quote: 'let q = 1;',
        }),
        comment({ quote: 'const a = 1;\nconst b = 2;\nconst c = 3;\n', body: '  Merge these.  ' }),
      ],
      '  Also run the tests.  ',
    );
    expect(message).toBe(
      [
        'Please address these review comments:',
        '',
        '1. src/a.ts, lines 3-5 (new):',
        '```',
        'const a = 1;',
        'const b = 2;',
        'const c = 3;',
        '```',
        'Merge these.',
        '',
        '2. src/b.ts, line 7 (new):',
        '```',
        'let q = 1;',
        '```',
        'Name this better.',
        '',
        'Also run the tests.',
      ].join('\n'),
    );
  });

  it('explains the old side when a comment is on it', () => {
    const message = buildReviewMessage([comment({ side: 'old', startLine: 2, endLine: 2 })]);
    expect(message).toContain('Lines marked (old) are in the file as it was before this thread changed it');
    expect(message).toContain('1. src/a.ts, line 2 (old):');
    expect(buildReviewMessage([comment({})])).not.toContain('(old)');
  });

  it('fences a quote that itself holds backticks with a longer fence', () => {
    const message = buildReviewMessage([comment({ quote: 'text\n```js\ncode\n```' })]);
    expect(message).toContain('````\ntext\n```js\ncode\n```\n````\nFix this.');
  });

  it('leaves out an empty quote', () => {
    expect(buildReviewMessage([comment({ quote: '\n' })])).toBe(
      'Please address these review comments:\n\n1. src/a.ts, lines 3-5 (new):\nFix this.',
    );
  });

  it('is the words alone without comments', () => {
    expect(buildReviewMessage([], ' Just this. ')).toBe('Just this.');
    expect(buildReviewMessage([])).toBe('');
  });

  it('orders comments of one file by line, whatever order they were written in', () => {
    const message = buildReviewMessage([
      comment({ startLine: 20, endLine: 21, body: 'second' }),
      comment({ startLine: 1, endLine: 1, body: 'first' }),
    ]);
    expect(message.indexOf('first')).toBeLessThan(message.indexOf('second'));
    expect(message).toContain('1. src/a.ts, line 1 (new):');
    expect(message).toContain('2. src/a.ts, lines 20-21 (new):');
  });
});
