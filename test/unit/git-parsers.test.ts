import { describe, expect, it } from 'vitest';
import { gitEnvironment } from '../../src-main/core/git/environment';
import { parseStatusV2 } from '../../src-main/core/git/status';
import { parseWorktreeList } from '../../src-main/core/git/worktree-list';

describe('parseWorktreeList', () => {
  it('reads main, branch, detached, locked and prunable worktrees', () => {
    const output = [
      'worktree /repo',
      'HEAD 1111111111111111111111111111111111111111',
      'branch refs/heads/main',
      '',
      'worktree /data/wt/a b',
      'HEAD 2222222222222222222222222222222222222222',
      'detached',
      'locked reason with spaces',
      '',
      'worktree /data/wt/gone',
      'HEAD 3333333333333333333333333333333333333333',
      'branch refs/heads/skein/x',
      'prunable gitdir file points to non-existent location',
      '',
      '',
    ].join('\0');
    expect(parseWorktreeList(output)).toEqual([
      {
        path: '/repo',
        head: '1111111111111111111111111111111111111111',
        branch: 'refs/heads/main',
        detached: false,
        bare: false,
        locked: false,
        prunable: false,
      },
      {
        path: '/data/wt/a b',
        head: '2222222222222222222222222222222222222222',
        branch: null,
        detached: true,
        bare: false,
        locked: true,
        prunable: false,
      },
      {
        path: '/data/wt/gone',
        head: '3333333333333333333333333333333333333333',
        branch: 'refs/heads/skein/x',
        detached: false,
        bare: false,
        locked: false,
        prunable: true,
      },
    ]);
  });

  it('reads a bare main repository', () => {
    expect(parseWorktreeList('worktree /repo.git\0bare\0\0')).toEqual([
      {
        path: '/repo.git',
        head: null,
        branch: null,
        detached: false,
        bare: true,
        locked: false,
        prunable: false,
      },
    ]);
  });
});

describe('parseStatusV2', () => {
  it('separates changed, renamed, conflicted and untracked paths', () => {
    const output = [
      '# branch.oid abc',
      '1 .M N... 100644 100644 100644 aaa aaa src/file with space.ts',
      '2 R. N... 100644 100644 100644 bbb bbb R100 new name.ts',
      'old name.ts',
      'u UU N... 100644 100644 100644 100644 ccc ddd eee conflicted.ts',
      '? untracked dir/',
      '! ignored.log',
      '',
    ].join('\0');
    expect(parseStatusV2(output)).toEqual({
      changed: ['src/file with space.ts', 'new name.ts'],
      untracked: ['untracked dir/'],
      conflicted: ['conflicted.ts'],
      dirty: true,
    });
  });

  it('reports a clean tree as not dirty', () => {
    expect(parseStatusV2('').dirty).toBe(false);
    expect(parseStatusV2('# branch.oid abc\0# branch.head main\0').dirty).toBe(false);
  });
});

describe('gitEnvironment', () => {
  it('drops repository overrides and pins locale and prompts', () => {
    const env = gitEnvironment(
      {
        PATH: '/bin',
        GIT_DIR: '/elsewhere',
        GIT_INDEX_FILE: '/x',
        GIT_CONFIG_KEY_0: 'a',
        GIT_CONFIG_VALUE_0: 'b',
        GIT_AUTHOR_NAME: 'me',
        LANG: 'de_DE',
      },
      { GIT_INDEX_FILE: '/tmp/snapshot-index' },
    );
    expect(env).toMatchObject({
      PATH: '/bin',
      GIT_AUTHOR_NAME: 'me',
      LC_ALL: 'C',
      GIT_TERMINAL_PROMPT: '0',
      GIT_INDEX_FILE: '/tmp/snapshot-index',
    });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_CONFIG_KEY_0).toBeUndefined();
  });
});
