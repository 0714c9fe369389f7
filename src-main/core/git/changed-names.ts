import type { GitPriority, GitQueue } from './types';

/** Paths that differ between two tree-ishes, renames as delete + add (both names listed). */
export async function changedNames(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<string[]> {
  if (from === to) return [];
  const { stdout } = await git.run(['diff-tree', '-r', '-z', '--name-only', '--no-renames', from, to], {
    cwd,
    ...options,
  });
  return stdout.split('\0').filter((path) => path !== '');
}
