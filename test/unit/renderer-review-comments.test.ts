import { describe, expect, test } from 'vitest';
import type { ReviewComment } from '../../src-shared/contract';
import {
  commentMarks,
  escapeMarkdown,
  lineSpan,
  quoteLines,
  selectedLines,
} from '../../src-renderer/features/review/comment-marks';
import { createCoalescedRunner } from '../../src-renderer/features/review/coalesced-runner';
import { hunkAnchorLine } from '../../src-renderer/features/review/hunk-anchor';

function comment(overrides: Partial<ReviewComment>): ReviewComment {
  return {
    id: 'c1',
    threadId: 't1',
    path: 'src/a.ts',
    side: 'new',
    startLine: 3,
    endLine: 4,
    body: 'Rename this',
    quote: 'const x = 1;',
    status: 'draft',
    sentTurnId: null,
    resolvedTurnId: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

describe('comment marks in the diff editor', () => {
  test('a file’s comments go to their side, sorted by line; other files’ are left out', () => {
    const marks = commentMarks(
      [
        comment({ id: 'b', startLine: 9, endLine: 9 }),
        comment({ id: 'a', startLine: 2, endLine: 3 }),
        comment({ id: 'old', side: 'old', startLine: 1, endLine: 1 }),
        comment({ id: 'elsewhere', path: 'src/b.ts' }),
      ],
      'src/a.ts',
      { old: 10, new: 10 },
    );
    expect(marks.new.map((m) => m.commentId)).toEqual(['a', 'b']);
    expect(marks.old.map((m) => m.commentId)).toEqual(['old']);
  });

  test('a draft tints its lines and gets a note under its last line', () => {
    const [mark] = commentMarks([comment({ body: 'one\ntwo' })], 'src/a.ts', { old: 10, new: 10 }).new;
    expect(mark).toMatchObject({
      startLine: 3,
      endLine: 4,
      lineClass: 'review-comment-line review-comment-draft',
      glyphClass: 'review-comment-glyph review-comment-glyph-draft',
      zone: { afterLine: 4, heightInLines: 3, heading: 'Draft · lines 3–4', body: 'one\ntwo' },
    });
  });

  test('a resolved comment marks its lines without a note; long notes are capped', () => {
    const resolved = commentMarks([comment({ status: 'resolved' })], 'src/a.ts', { old: 5, new: 5 }).new[0];
    expect(resolved?.zone).toBeNull();
    const long = commentMarks([comment({ body: 'x\n'.repeat(40) })], 'src/a.ts', { old: 5, new: 5 }).new[0];
    expect(long?.zone?.heightInLines).toBe(6);
  });

  test('lines past the end of the side are clamped; an absent side gets nothing', () => {
    const marks = commentMarks(
      [comment({ startLine: 8, endLine: 12 }), comment({ id: 'gone', side: 'old' })],
      'src/a.ts',
      { old: null, new: 6 },
    );
    expect(marks.new[0]).toMatchObject({ startLine: 6, endLine: 6 });
    expect(marks.new[0]?.zone?.heading).toBe('Draft · lines 8–12');
    expect(marks.old).toEqual([]);
    expect(commentMarks([comment({})], 'src/a.ts', { old: 0, new: 0 }).new).toEqual([]);
  });

  test('the hover never lets the comment’s own text act as Markdown', () => {
    const [mark] = commentMarks([comment({ body: '[click](javascript:x) **bold** <b>' })], 'src/a.ts', {
      old: 9,
      new: 9,
    }).new;
    expect(mark?.hover).toBe(
      '**Draft · lines 3–4**\n\n\\[click\\]\\(javascript:x\\) \\*\\*bold\\*\\* \\<b\\>',
    );
    expect(escapeMarkdown('a_b-c.d!')).toBe('a\\_b\\-c\\.d\\!');
  });
});

describe('selections and quotes', () => {
  test('a caret is its own line; a drag is every line it touches', () => {
    expect(selectedLines({ startLineNumber: 7, startColumn: 4, endLineNumber: 7, endColumn: 4 })).toEqual({
      startLine: 7,
      endLine: 7,
    });
    expect(selectedLines({ startLineNumber: 2, startColumn: 3, endLineNumber: 5, endColumn: 2 })).toEqual({
      startLine: 2,
      endLine: 5,
    });
  });

  test('a selection ending at the start of a line leaves that line out', () => {
    expect(selectedLines({ startLineNumber: 2, startColumn: 1, endLineNumber: 5, endColumn: 1 })).toEqual({
      startLine: 2,
      endLine: 4,
    });
  });

  test('a selection made upwards is the same lines', () => {
    expect(selectedLines({ startLineNumber: 9, startColumn: 3, endLineNumber: 6, endColumn: 1 })).toEqual({
      startLine: 6,
      endLine: 9,
    });
  });

  test('quotes are the chosen lines of the text', () => {
    expect(quoteLines('a\nb\nc\nd', 2, 3)).toBe('b\nc');
    expect(quoteLines('a\nb', 2, 9)).toBe('b');
    expect(lineSpan(4, 4)).toBe('line 4');
    expect(lineSpan(4, 6)).toBe('lines 4–6');
  });
});

describe('coalesced runs', () => {
  test('calls during a run collapse into one more run; errors are reported and do not stop it', async () => {
    const started: number[] = [];
    const errors: unknown[] = [];
    let release: () => void = () => {};
    let runs = 0;
    const runner = createCoalescedRunner(
      () => {
        runs += 1;
        started.push(runs);
        if (runs === 2) return Promise.reject(new Error('second failed'));
        return new Promise<void>((resolve) => (release = resolve));
      },
      (error) => errors.push(error),
    );
    runner.run();
    runner.run();
    runner.run();
    expect(started).toEqual([1]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    runner.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2, 3]);
    runner.dispose();
    release();
    runner.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2, 3]);
  });
});

describe('hunk buttons', () => {
  test('a hunk’s button sits on its first changed line, not on git’s leading context', () => {
    const hunk = { newStart: 1, newLines: 4 };
    expect(hunkAnchorLine(hunk, [{ modifiedStartLineNumber: 3, modifiedEndLineNumber: 3 }])).toBe(3);
  });

  test('changes of other hunks are skipped; a deletion sits on the line before it', () => {
    const changes = [
      { modifiedStartLineNumber: 3, modifiedEndLineNumber: 3 },
      { modifiedStartLineNumber: 40, modifiedEndLineNumber: 0 },
    ];
    expect(hunkAnchorLine({ newStart: 38, newLines: 6 }, changes)).toBe(40);
  });

  test('a deletion at the top of the file sits on line 1; with no diff yet, the hunk’s own first line', () => {
    expect(
      hunkAnchorLine({ newStart: 0, newLines: 0 }, [
        { modifiedStartLineNumber: 0, modifiedEndLineNumber: 0 },
      ]),
    ).toBe(1);
    expect(hunkAnchorLine({ newStart: 12, newLines: 3 }, [])).toBe(12);
  });
});
