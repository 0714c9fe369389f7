import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPatch, formatPatchSummary } from '../../src-main/core/agents/tools/apply-patch';
import { SkeinError } from '../../src-shared/contract/errors';
import { createTempWorktree, type TempWorktree } from '../support/apply-patch-worktree';

function patch(...body: string[]): string {
  return ['*** Begin Patch', ...body, '*** End Patch'].join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<SkeinError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SkeinError);
    return error as SkeinError;
  }
  throw new Error('expected the patch to be rejected');
}

let wt: TempWorktree;
beforeEach(() => {
  wt = createTempWorktree();
});
afterEach(() => {
  wt.dispose();
});

describe('applyPatch: operations', () => {
  it('adds, updates, deletes and moves, and reports each with a diff', async () => {
    wt.write('modify.txt', 'line1\nline2\n');
    wt.write('delete.txt', 'obsolete\n');
    wt.write('old/name.txt', 'from\n');
    const summary = await applyPatch(
      wt.root,
      patch(
        '*** Add File: nested/new.txt',
        '+created',
        '*** Delete File: delete.txt',
        '*** Update File: modify.txt',
        '@@',
        '-line2',
        '+changed',
        '*** Update File: old/name.txt',
        '*** Move to: renamed/dir/name.txt',
        '@@',
        '-from',
        '+to',
      ),
    );
    expect(wt.read('nested/new.txt')).toBe('created\n');
    expect(existsSync(join(wt.root, 'delete.txt'))).toBe(false);
    expect(wt.read('modify.txt')).toBe('line1\nchanged\n');
    expect(existsSync(join(wt.root, 'old/name.txt'))).toBe(false);
    expect(wt.read('renamed/dir/name.txt')).toBe('to\n');

    expect(summary.changes.map((c) => [c.kind, c.path, c.movePath])).toEqual([
      ['add', 'nested/new.txt', undefined],
      ['delete', 'delete.txt', undefined],
      ['update', 'modify.txt', undefined],
      ['move', 'old/name.txt', 'renamed/dir/name.txt'],
    ]);
    expect(summary.changes[0]?.diff).toBe('--- /dev/null\n+++ b/nested/new.txt\n@@ -0,0 +1 @@\n+created\n');
    expect(summary.changes[1]?.diff).toBe('--- a/delete.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-obsolete\n');
    expect(summary.changes[2]?.diff).toBe(
      '--- a/modify.txt\n+++ b/modify.txt\n@@ -1,2 +1,2 @@\n line1\n-line2\n+changed\n',
    );
    expect(summary.changes[3]?.diff).toBe(
      '--- a/old/name.txt\n+++ b/renamed/dir/name.txt\n@@ -1 +1 @@\n-from\n+to\n',
    );
    expect(formatPatchSummary(summary)).toBe(
      'Success. Updated the following files:\nA nested/new.txt\nD delete.txt\nM modify.txt\nM old/name.txt -> renamed/dir/name.txt',
    );
  });

  it('applies several hunks in order, and an @@ anchor picks the right occurrence', async () => {
    wt.write(
      'multi.py',
      ['def a():', '    return 1', '', 'def b():', '    return 1', '', 'x = 0', 'y = 0', ''].join('\n'),
    );
    await applyPatch(
      wt.root,
      patch(
        '*** Update File: multi.py',
        '@@ def b():',
        '-    return 1',
        '+    return 2',
        '@@',
        ' x = 0',
        '-y = 0',
        '+y = 9',
      ),
    );
    expect(wt.read('multi.py')).toBe(
      ['def a():', '    return 1', '', 'def b():', '    return 2', '', 'x = 0', 'y = 9', ''].join('\n'),
    );
  });

  it('follows nested anchors (class, then method)', async () => {
    wt.write(
      'c.py',
      [
        'class A:',
        '    def run(self):',
        '        pass',
        'class B:',
        '    def run(self):',
        '        pass',
        '',
      ].join('\n'),
    );
    await applyPatch(
      wt.root,
      patch(
        '*** Update File: c.py',
        '@@ class B:',
        '@@     def run(self):',
        '-        pass',
        '+        return 1',
      ),
    );
    expect(wt.read('c.py')).toBe(
      [
        'class A:',
        '    def run(self):',
        '        pass',
        'class B:',
        '    def run(self):',
        '        return 1',
        '',
      ].join('\n'),
    );
  });

  it('a pure addition goes to the end of the file, or right after its anchor', async () => {
    wt.write('a.txt', 'line1\nline2\n');
    wt.write('b.txt', 'head\nfn main() {\n}\n');
    await applyPatch(
      wt.root,
      patch(
        '*** Update File: a.txt',
        '@@',
        '+added',
        '*** Update File: b.txt',
        '@@ fn main() {',
        '+    body();',
      ),
    );
    expect(wt.read('a.txt')).toBe('line1\nline2\nadded\n');
    expect(wt.read('b.txt')).toBe('head\nfn main() {\n    body();\n}\n');
  });

  it('matches context despite trailing whitespace, indentation and typographic punctuation', async () => {
    wt.write('ws.txt', 'alpha   \n    beta\n\tgamma\nsay “hi” — ok\n');
    await applyPatch(
      wt.root,
      patch(
        '*** Update File: ws.txt',
        '@@',
        ' alpha',
        ' beta',
        '-gamma',
        '+GAMMA',
        '@@',
        '-say "hi" - ok',
        '+said',
      ),
    );
    expect(wt.read('ws.txt')).toBe('alpha   \n    beta\nGAMMA\nsaid\n');
  });

  it('prefers an exact match over an earlier loose one', async () => {
    wt.write('e.txt', '  x\nx\n');
    await applyPatch(wt.root, patch('*** Update File: e.txt', '@@', '-x', '+y'));
    expect(wt.read('e.txt')).toBe('  x\ny\n');
  });

  it('keeps CRLF line endings, a BOM, and the absence of a final newline', async () => {
    wt.write('crlf.txt', 'one\r\ntwo\r\nthree\r\n');
    wt.write('bom.txt', '\uFEFFfirst\nsecond\n');
    wt.write('nonl.txt', 'a\nb');
    await applyPatch(
      wt.root,
      patch(
        '*** Update File: crlf.txt',
        '@@',
        ' one',
        '-two',
        '+TWO',
        '+two and a half',
        '*** Update File: bom.txt',
        '@@',
        '-first',
        '+FIRST',
        '*** Update File: nonl.txt',
        '@@',
        ' a',
        '-b',
        '+B',
        '*** End of File',
      ),
    );
    expect(wt.read('crlf.txt')).toBe('one\r\nTWO\r\ntwo and a half\r\nthree\r\n');
    expect(wt.read('bom.txt')).toBe('\uFEFFFIRST\nsecond\n');
    expect(wt.read('nonl.txt')).toBe('a\nB');
  });

  it('an *** End of File hunk only matches at the end', async () => {
    wt.write('tail.txt', 'x\nend\nx\n');
    await applyPatch(wt.root, patch('*** Update File: tail.txt', '@@', '-x', '+last', '*** End of File'));
    expect(wt.read('tail.txt')).toBe('x\nend\nlast\n');
  });

  it('keeps the mode of an edited file (scripts stay executable)', async () => {
    wt.write('run.sh', '#!/bin/sh\necho a\n');
    chmodSync(join(wt.root, 'run.sh'), 0o755);
    await applyPatch(wt.root, patch('*** Update File: run.sh', '@@', '-echo a', '+echo b'));
    expect(statSync(join(wt.root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('a move onto an existing file replaces it (as Codex does) and says so', async () => {
    wt.write('src.txt', 'from\n');
    wt.write('dest.txt', 'was here\n');
    const summary = await applyPatch(
      wt.root,
      patch('*** Update File: src.txt', '*** Move to: dest.txt', '@@', '-from', '+to'),
    );
    expect(wt.read('dest.txt')).toBe('to\n');
    expect(existsSync(join(wt.root, 'src.txt'))).toBe(false);
    expect(summary.changes[0]).toMatchObject({ kind: 'move', overwrote: true });
    expect(formatPatchSummary(summary)).toContain('M src.txt -> dest.txt (replaced an existing file)');
  });

  it('an Add File onto an existing file replaces it and says so', async () => {
    wt.write('dup.txt', 'old\n');
    const summary = await applyPatch(wt.root, patch('*** Add File: dup.txt', '+new'));
    expect(wt.read('dup.txt')).toBe('new\n');
    expect(summary.changes[0]).toMatchObject({ kind: 'add', overwrote: true });
    expect(summary.changes[0]?.diff).toBe('--- a/dup.txt\n+++ b/dup.txt\n@@ -1 +1 @@\n-old\n+new\n');
  });

  it('later operations see earlier ones on the same file', async () => {
    const summary = await applyPatch(
      wt.root,
      patch('*** Add File: f.txt', '+one', '*** Update File: f.txt', '@@', '-one', '+two'),
    );
    expect(wt.read('f.txt')).toBe('two\n');
    expect(summary.changes).toHaveLength(2);
  });
});

describe('applyPatch: all or nothing', () => {
  it('a hunk that does not match leaves every file byte for byte, and the error names the file and hunk', async () => {
    wt.write('a.txt', 'alpha\n');
    wt.write('b.txt', 'one\ntwo\nthree\n');
    wt.write('c.txt', 'gone soon\n');
    const before = wt.snapshot();
    const error = await rejection(
      applyPatch(
        wt.root,
        patch(
          '*** Update File: a.txt',
          '@@',
          '-alpha',
          '+ALPHA',
          '*** Delete File: c.txt',
          '*** Add File: new/d.txt',
          '+d',
          '*** Update File: b.txt',
          '@@',
          '-one',
          '+ONE',
          '@@',
          ' nope',
          ' not here',
          '-two',
          '+TWO',
        ),
      ),
    );
    expect(error.kind).toBe('INVALID_PARAMS');
    expect(error.message).toContain('Hunk 2 of b.txt (patch line 13) did not apply');
    expect(error.message).toContain('  nope\n  not here\n  two');
    expect(error.message).toContain('No file was changed.');
    expect(error.details).toMatchObject({ reason: 'hunk-mismatch', file: 'b.txt', hunk: 2 });
    expect(wt.snapshot()).toEqual(before);
  });

  it('a missing anchor is named too', async () => {
    wt.write('a.py', 'def f():\n    pass\n');
    const error = await rejection(
      applyPatch(wt.root, patch('*** Update File: a.py', '@@ def g():', '-    pass', '+    return')),
    );
    expect(error.message).toContain(
      "Hunk 1 of a.py (patch line 3) did not apply: could not find the anchor line '@@ def g():'",
    );
  });

  it('a write that fails midway restores the files already written', async () => {
    wt.write('a.txt', 'alpha\n');
    wt.write('blocker', 'I am a file, not a folder\n');
    const before = wt.snapshot();
    const error = await rejection(
      applyPatch(
        wt.root,
        patch(
          '*** Update File: a.txt',
          '@@',
          '-alpha',
          '+ALPHA',
          '*** Add File: created.txt',
          '+c',
          '*** Add File: blocker/inside.txt',
          '+x',
        ),
      ),
    );
    expect(error.kind).toBe('INTERNAL');
    expect(error.message).toContain('Could not write blocker/inside.txt');
    expect(error.message).toContain('The 2 file(s) already written were restored, so nothing changed.');
    expect(wt.snapshot()).toEqual(before);
  });

  it('refuses an empty patch, updates or deletes of missing files, folders and binary files', async () => {
    wt.write('dir/inside.txt', 'x\n');
    wt.write('bin.dat', Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    const before = wt.snapshot();
    expect((await rejection(applyPatch(wt.root, patch()))).message).toContain('no file operations');
    expect((await rejection(applyPatch(wt.root, patch('*** Delete File: nope.txt')))).message).toBe(
      'Cannot delete nope.txt: there is no such file.',
    );
    expect(
      (await rejection(applyPatch(wt.root, patch('*** Update File: nope.txt', '@@', '+x')))).message,
    ).toContain("Use '*** Add File: nope.txt'");
    expect((await rejection(applyPatch(wt.root, patch('*** Delete File: dir')))).message).toContain(
      'dir is a directory',
    );
    expect(
      (await rejection(applyPatch(wt.root, patch('*** Update File: bin.dat', '@@', '+x')))).message,
    ).toContain('not UTF-8 text');
    expect(wt.snapshot()).toEqual(before);
  });
});

describe('applyPatch: confinement', () => {
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'skein-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  });
  afterEach(() => {
    rmSync(outside, { recursive: true, force: true });
  });

  it('refuses a patch touching a path outside the worktree, and changes nothing', async () => {
    wt.write('a.txt', 'a\n');
    const before = wt.snapshot();
    for (const target of ['../escape.txt', join(outside, 'secret.txt')]) {
      const error = await rejection(
        applyPatch(
          wt.root,
          patch('*** Update File: a.txt', '@@', '-a', '+b', `*** Add File: ${target}`, '+x'),
        ),
      );
      expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
      expect(error.message).toContain("is outside this thread's worktree");
    }
    expect(wt.snapshot()).toEqual(before);
    expect(existsSync(join(wt.root, '..', 'escape.txt'))).toBe(false);
  });

  it('refuses a move whose destination is outside, and writes through a symlink that points out', async () => {
    wt.write('a.txt', 'a\n');
    symlinkSync(outside, join(wt.root, 'link'));
    const before = wt.snapshot();
    const moved = await rejection(
      applyPatch(wt.root, patch('*** Update File: a.txt', '*** Move to: ../../moved.txt', '@@', '-a', '+b')),
    );
    expect(moved.kind).toBe('PATH_OUTSIDE_WORKTREE');
    const linked = await rejection(
      applyPatch(wt.root, patch('*** Update File: link/secret.txt', '@@', '-secret', '+pwned')),
    );
    expect(linked.kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect(linked.message).toContain('through a symbolic link');
    expect(wt.snapshot()).toEqual(before);
  });

  it('refuses writes into .git', async () => {
    wt.write('.git/hooks/pre-commit.sample', '#!/bin/sh\n');
    const error = await rejection(
      applyPatch(wt.root, patch('*** Add File: .git/hooks/pre-commit', '+#!/bin/sh', '+curl evil')),
    );
    expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect(error.message).toContain('git metadata');
    expect(existsSync(join(wt.root, '.git/hooks/pre-commit'))).toBe(false);
  });
});
