import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../src-main/core/agents/tools/apply-patch';
import { createSandboxFixture, type SandboxFixture } from '../support/sandbox-fixtures';

let fx: SandboxFixture;
beforeEach(() => {
  fx = createSandboxFixture();
});
afterEach(() => {
  fx.dispose();
});

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: fx.worktree, encoding: 'utf8' });
}

/**
 * The part of a diff from its first `@@` on, without git's function-name hint after each hunk
 * header: git adds `diff --git` and `index` lines and that hint; we do not.
 */
function hunks(diff: string): string {
  return diff.slice(diff.indexOf('@@')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
}

describe('applyPatch in a real git worktree', () => {
  it('produces the same hunks as git diff, and git sees exactly the patched files', async () => {
    const lines = Array.from({ length: 40 }, (_, index) => `line ${index + 1}`);
    writeFileSync(join(fx.worktree, 'long.txt'), `${lines.join('\n')}\n`);
    writeFileSync(join(fx.worktree, 'crlf.txt'), 'a\r\nb\r\nc\r\n');
    writeFileSync(join(fx.worktree, 'tail.txt'), 'x\ny');
    git('add', '-A');
    git('-c', 'user.email=t@skein.invalid', '-c', 'user.name=T', 'commit', '-q', '-m', 'fixtures');

    const summary = await applyPatch(
      fx.worktree,
      [
        '*** Begin Patch',
        '*** Update File: long.txt',
        '@@',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        '@@',
        ' line 30',
        '+inserted',
        ' line 31',
        '*** Update File: crlf.txt',
        '@@',
        '-b',
        '+B',
        '*** Update File: tail.txt',
        '@@',
        '-y',
        '+z',
        '*** End of File',
        '*** Add File: docs/new.md',
        '+# New',
        '*** End Patch',
      ].join('\n'),
    );

    expect(git('status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M crlf.txt',
      ' M long.txt',
      ' M tail.txt',
      '?? docs/',
    ]);
    for (const change of summary.changes.filter((c) => c.kind === 'update')) {
      const ours = hunks(change.diff).replace(/\r/g, '');
      const theirs = hunks(git('diff', '--', change.path)).replace(/\r/g, '');
      expect(ours, change.path).toBe(theirs);
    }
    expect(git('diff', '--stat', '--', 'crlf.txt')).toContain('1 insertion(+), 1 deletion(-)');
  });
});
