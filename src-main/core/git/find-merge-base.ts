import type { GitPriority, GitQueue } from './types';

/** The best common ancestor of two commits, or null when they share no history (git exits 1). */
export async function findMergeBase(
  git: GitQueue,
  cwd: string,
  a: string,
  b: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<string | null> {
  const { stdout, exitCode } = await git.run(['merge-base', a, b], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0 ? stdout.trim() || null : null;
}
