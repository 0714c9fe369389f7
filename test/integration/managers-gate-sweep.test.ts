import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitQueue } from '../../src-main/core/git';
import { listGateScratches, sweepGateScratches } from '../../src-main/core/managers/gate-sweep';
import { createRepo, TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function worktreeList(repo: string): string {
  return execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo, encoding: 'utf8' });
}

describe('gate scratch worktrees left by a crash', () => {
  it('are found at start-up and removed, from disk and from git, and a missing repository is no obstacle', async () => {
    const repo = createRepo(dirs);
    const dataDir = dirs.make('skein-gate-sweep-');
    const kept = join(dataDir, 'gates', 'm1', 'scratch-a');
    mkdirSync(join(dataDir, 'gates', 'm1'), { recursive: true });
    execFileSync('git', ['worktree', 'add', '--quiet', '--detach', kept, 'HEAD'], { cwd: repo.path });
    // A manager whose thread is gone: only the folder is left to delete.
    const orphan = join(dataDir, 'gates', 'gone', 'scratch-b');
    mkdirSync(orphan, { recursive: true });
    expect(worktreeList(repo.path)).toContain(kept);

    const leftovers = listGateScratches(dataDir, (manager) => (manager === 'm1' ? repo.path : null));
    expect(leftovers).toEqual(
      expect.arrayContaining([
        { path: kept, repoPath: repo.path },
        { path: orphan, repoPath: null },
      ]),
    );
    const git = createGitQueue({ concurrency: 2 });
    try {
      await sweepGateScratches(git, leftovers);
    } finally {
      git.dispose();
    }
    expect(existsSync(kept)).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect(worktreeList(repo.path)).not.toContain(kept);
  });

  it('finds nothing when no gate ever ran', () => {
    expect(listGateScratches(dirs.make('skein-gate-none-'), () => null)).toEqual([]);
  });
});
