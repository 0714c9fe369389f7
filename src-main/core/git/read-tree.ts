import type { GitQueue } from './types';

/**
 * Moves a clean worktree's index and files from tree-ish `from` to `to` (a two-tree
 * `read-tree -m -u`), without touching HEAD. Git checks every path first and writes nothing if a
 * file is modified or an untracked file would be overwritten. `dryRun` only runs those checks.
 */
export async function switchIndexAndFiles(
  git: GitQueue,
  worktree: string,
  from: string,
  to: string,
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<void> {
  const args = ['read-tree', '-m', '-u'];
  if (options.dryRun) args.push('-n');
  args.push(from, to);
  await git.run(args, { cwd: worktree, signal: options.signal });
}

/**
 * Refreshes the index's stat cache, so files that were only touched (same content) do not count
 * as modified for `read-tree -m -u`. Exit 1 ("needs update") is an answer, not a failure.
 */
export async function refreshIndex(
  git: GitQueue,
  worktree: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  await git.run(['update-index', '-q', '--refresh'], { cwd: worktree, allowedExitCodes: [1], ...options });
}
