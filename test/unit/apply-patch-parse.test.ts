import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../src-main/core/agents/tools/apply-patch';
import { SkeinError } from '../../src-shared/contract/errors';

function patch(...body: string[]): string {
  return ['*** Begin Patch', ...body, '*** End Patch'].join('\n');
}

function parseFailure(text: string): { line: number; message: string } {
  try {
    parsePatch(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SkeinError);
    const skein = error as SkeinError;
    expect(skein.kind).toBe('INVALID_PARAMS');
    return { line: skein.details?.line as number, message: skein.message };
  }
  throw new Error('expected the patch to be rejected');
}

describe('parsePatch: well-formed patches', () => {
  it('parses add, delete and update-with-move in order', () => {
    const parsed = parsePatch(
      patch(
        '*** Add File: path/add.py',
        '+abc',
        '+def',
        '*** Delete File: path/delete.py',
        '*** Update File: path/update.py',
        '*** Move to: path/update2.py',
        '@@ def f():',
        '-    pass',
        '+    return 123',
      ),
    );
    expect(parsed.operations).toEqual([
      { type: 'add', path: 'path/add.py', contents: 'abc\ndef\n', line: 2 },
      { type: 'delete', path: 'path/delete.py', line: 5 },
      {
        type: 'update',
        path: 'path/update.py',
        movePath: 'path/update2.py',
        line: 6,
        chunks: [
          {
            anchors: ['def f():'],
            oldLines: ['    pass'],
            newLines: ['    return 123'],
            contextSources: [null],
            isEndOfFile: false,
            line: 8,
          },
        ],
      },
    ]);
  });

  it('accepts a first hunk without @@, a bare @@, blank context lines and *** End of File', () => {
    const parsed = parsePatch(
      patch('*** Update File: a.txt', ' import foo', '+bar', '@@', ' x', '', '-y', '*** End of File'),
    );
    const op = parsed.operations[0];
    expect(op?.type).toBe('update');
    if (op?.type !== 'update') return;
    expect(op.chunks).toEqual([
      {
        anchors: [],
        oldLines: ['import foo'],
        newLines: ['import foo', 'bar'],
        contextSources: [0, null],
        isEndOfFile: false,
        line: 3,
      },
      {
        anchors: [],
        oldLines: ['x', '', 'y'],
        newLines: ['x', ''],
        contextSources: [0, 1],
        isEndOfFile: true,
        line: 5,
      },
    ]);
  });

  it('keeps consecutive @@ anchors (class, then method)', () => {
    const parsed = parsePatch(
      patch(
        '*** Update File: a.py',
        '@@ class Base',
        '@@     def run(self):',
        '-        old',
        '+        new',
      ),
    );
    const op = parsed.operations[0];
    expect(op?.type === 'update' && op.chunks[0]?.anchors).toEqual(['class Base', '    def run(self):']);
  });

  it('tolerates padded markers, CRLF patch text, a heredoc wrapper and an empty Add File', () => {
    const text = [
      "<<'EOF'",
      ' *** Begin Patch ',
      '  *** Add File: a.txt',
      '+x',
      '*** Add File: empty.txt',
      '*** End Patch  ',
      'EOF',
    ].join('\r\n');
    expect(parsePatch(text).operations).toEqual([
      { type: 'add', path: 'a.txt', contents: 'x\n', line: 3 },
      { type: 'add', path: 'empty.txt', contents: '', line: 5 },
    ]);
  });

  it('parses an empty envelope into no operations (applying it is refused later)', () => {
    expect(parsePatch(patch()).operations).toEqual([]);
  });
});

describe('parsePatch: malformed patches name the line and what was expected', () => {
  it('an empty text', () => {
    expect(parseFailure('   \n  ')).toMatchObject({
      line: 1,
      message: expect.stringContaining("expected '*** Begin Patch'") as string,
    });
  });

  it('a missing Begin Patch', () => {
    const failure = parseFailure('\n*** Add File: a\n+x\n*** End Patch');
    expect(failure.line).toBe(2);
    expect(failure.message).toContain("expected '*** Begin Patch' as the first line, got '*** Add File: a'");
  });

  it('a missing End Patch', () => {
    const failure = parseFailure('*** Begin Patch\n*** Add File: a\n+x');
    expect(failure.line).toBe(3);
    expect(failure.message).toContain("expected '*** End Patch' as the last line, got '+x'");
  });

  it('a lone Begin Patch', () => {
    expect(parseFailure('*** Begin Patch').line).toBe(1);
  });

  it('an unknown operation header', () => {
    const failure = parseFailure(patch('*** Add File: a', '+x', '*** Frobnicate File: b'));
    expect(failure.line).toBe(4);
    expect(failure.message).toContain("expected a file operation ('*** Add File: <path>'");
    expect(failure.message).toContain("got '*** Frobnicate File: b'");
  });

  it('an Add File line without +', () => {
    const failure = parseFailure(patch('*** Add File: a', '+x', 'y'));
    expect(failure.line).toBe(4);
    expect(failure.message).toContain("got 'y'");
  });

  it('a header without a path', () => {
    const failure = parseFailure(patch('*** Delete File:   '));
    expect(failure.line).toBe(2);
    expect(failure.message).toContain("expected a path after '*** Delete File:'");
  });

  it('an empty Update File', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '*** Delete File: b.txt'));
    expect(failure.line).toBe(2);
    expect(failure.message).toContain("expected at least one '@@' hunk with changes for a.txt");
  });

  it('a hunk with no lines after @@', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '@@ def f():'));
    expect(failure.line).toBe(4);
    expect(failure.message).toContain('the hunk is empty');
  });

  it('a hunk line with an unknown prefix', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '@@', 'x'));
    expect(failure.line).toBe(4);
    expect(failure.message).toContain(
      "expected a hunk line starting with ' ' (context), '-' (remove) or '+' (add), got 'x'",
    );
  });

  it('a second hunk without @@', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '@@', '-a', '+b', 'garbage'));
    expect(failure.line).toBe(6);
    expect(failure.message).toContain("expected '@@' to start the next hunk, got 'garbage'");
  });

  it('End of File with no hunk lines before it', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '@@', '*** End of File'));
    expect(failure.line).toBe(4);
    expect(failure.message).toContain("expected hunk lines before '*** End of File'");
  });

  it('an @@ glued to its anchor', () => {
    const failure = parseFailure(patch('*** Update File: a.txt', '@@def f():', '-a'));
    expect(failure.line).toBe(3);
  });

  it('every parse error says nothing changed', () => {
    expect(parseFailure(patch('*** Nope')).message).toMatch(/Nothing was changed\.$/);
  });
});
