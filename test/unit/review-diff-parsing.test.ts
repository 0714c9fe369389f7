import { describe, expect, it } from 'vitest';
import {
  buildHunkPatch,
  findHunk,
  parseHunkHeader,
  parseHunks,
  parseRawNumstat,
  quotePatchPath,
} from '../../src-main/core/review';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseRawNumstat', () => {
  it('pairs raw and numstat records, renames, binaries and absent sides included', () => {
    const output = [
      `:100644 100644 ${A} ${B} M`,
      'src/app.ts',
      `:100644 000000 ${A} ${ZERO} D`,
      'gone.txt',
      `:100644 100644 ${A} ${B} R087`,
      'old name.ts',
      'new\tname.ts',
      `:000000 100755 ${ZERO} ${B} A`,
      'run.sh',
      `:100644 100644 ${A} ${B} M`,
      'logo.png',
      `:100644 120000 ${A} ${B} T`,
      'link',
      '3\t1\tsrc/app.ts',
      '0\t1\tgone.txt',
      '1\t1\t',
      'old name.ts',
      'new\tname.ts',
      '2\t0\trun.sh',
      '-\t-\tlogo.png',
      '1\t3\tlink',
      '',
    ].join('\0');
    const changes = parseRawNumstat(output);
    expect(changes.map((change) => [change.path, change.oldPath, change.change])).toEqual([
      ['src/app.ts', null, 'modified'],
      ['gone.txt', null, 'deleted'],
      ['new\tname.ts', 'old name.ts', 'renamed'],
      ['run.sh', null, 'added'],
      ['logo.png', null, 'modified'],
      ['link', null, 'type_changed'],
    ]);
    expect(changes[0]).toMatchObject({
      additions: 3,
      deletions: 1,
      binary: false,
      oldObject: A,
      newObject: B,
    });
    expect(changes[1]).toMatchObject({ newMode: null, newObject: null, oldMode: '100644' });
    expect(changes[2]).toMatchObject({ additions: 1, deletions: 1 });
    expect(changes[3]).toMatchObject({ oldMode: null, oldObject: null, newMode: '100755', additions: 2 });
    expect(changes[4]).toMatchObject({ binary: true, additions: null, deletions: null });
    expect(changes[5]).toMatchObject({ oldMode: '100644', newMode: '120000', additions: 1, deletions: 3 });
  });

  it('reads an empty diff as no changes', () => {
    expect(parseRawNumstat('')).toEqual([]);
  });
});

const PATCH = [
  'diff --git a/app.ts b/app.ts',
  'index 1111111..2222222 100644',
  '--- a/app.ts',
  '+++ b/app.ts',
  '@@ -1,4 +1,4 @@',
  ' line 1',
  ' line 2',
  '-line 3',
  '+line three',
  ' line 4',
  '@@ -22,7 +22,8 @@ function tail()',
  ' line 22',
  '+added',
  '\\ No newline at end of file',
  'diff --git a/new.txt b/new.txt',
  'new file mode 100755',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/new.txt',
  '@@ -0,0 +1 @@',
  '+hello',
  '',
].join('\n');

describe('hunks', () => {
  it('parses headers, counts defaulting to one', () => {
    expect(parseHunkHeader('@@ -3 +3,2 @@ ctx')).toEqual({
      oldStart: 3,
      oldLines: 1,
      newStart: 3,
      newLines: 2,
      header: '@@ -3 +3,2 @@ ctx',
    });
    expect(parseHunkHeader('+@@ -3 +3 @@')).toBeNull();
    expect(parseHunks(PATCH).map((hunk) => hunk.header)).toEqual([
      '@@ -1,4 +1,4 @@',
      '@@ -22,7 +22,8 @@ function tail()',
      '@@ -0,0 +1 @@',
    ]);
  });

  it('finds one hunk with its lines and what its file section does', () => {
    const second = findHunk(PATCH, '@@ -22,7 +22,8 @@ function tail()');
    expect(second).toEqual({
      file: { kind: 'modified' },
      lines: ['@@ -22,7 +22,8 @@ function tail()', ' line 22', '+added', '\\ No newline at end of file'],
    });
    expect(findHunk(PATCH, '@@ -0,0 +1 @@')?.file).toEqual({ kind: 'created', mode: '100755' });
    expect(findHunk(PATCH, '@@ -9,9 +9,9 @@')).toBeNull();
  });

  it('builds a one-hunk patch named by the current path, quoting what git apply would misread', () => {
    const hunk = findHunk(PATCH, '@@ -1,4 +1,4 @@');
    expect(hunk).not.toBeNull();
    expect(buildHunkPatch('my file.ts', hunk!)).toBe(
      [
        'diff --git "a/my file.ts" "b/my file.ts"',
        '--- "a/my file.ts"',
        '+++ "b/my file.ts"',
        '@@ -1,4 +1,4 @@',
        ' line 1',
        ' line 2',
        '-line 3',
        '+line three',
        ' line 4',
        '',
      ].join('\n'),
    );
    const created = findHunk(PATCH, '@@ -0,0 +1 @@');
    expect(buildHunkPatch('new.txt', created!)).toBe(
      'diff --git a/new.txt b/new.txt\nnew file mode 100755\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+hello\n',
    );
    expect(quotePatchPath('a/src/ok-name_1.ts')).toBe('a/src/ok-name_1.ts');
    expect(quotePatchPath('a/tab\there "q"\\')).toBe('"a/tab\\there \\"q\\"\\\\"');
  });
});
