import type { GitQueue } from '../git';

/** Untracked paths git ignores, listed once (folders as one entry), so the watcher never descends into them. */
export async function listIgnoredPaths(git: GitQueue, worktree: string): Promise<string[]> {
  const { stdout } = await git.run(
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '--no-empty-directory', '-z'],
    { cwd: worktree },
  );
  return stdout.split('\0').filter((path) => path !== '');
}

/**
 * Which of `paths` (relative, `/`-separated) git ignores: one `check-ignore` for a whole burst of
 * file events. A tracked file is never reported, whatever the patterns say.
 */
export async function ignoredAmong(git: GitQueue, worktree: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const { stdout } = await git.run(['check-ignore', '--stdin', '-z'], {
    cwd: worktree,
    input: `${paths.join('\0')}\0`,
    // 1: none of them is ignored.
    allowedExitCodes: [1],
  });
  return new Set(stdout.split('\0').filter((path) => path !== ''));
}
