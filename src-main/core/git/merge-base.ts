import { isGitFailure } from './errors';
import { mergeTree } from './merge-tree';
import type { GitPriority, GitQueue } from './types';

interface CallOptions {
  signal?: AbortSignal;
  priority?: GitPriority;
}

export async function isAncestor(
  git: GitQueue,
  cwd: string,
  ancestor: string,
  descendant: string,
  options: CallOptions = {},
): Promise<boolean> {
  const { exitCode } = await git.run(['merge-base', '--is-ancestor', ancestor, descendant], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0;
}

/** Commits on `branch` that are not reachable from `base`. */
export async function countCommitsNotIn(
  git: GitQueue,
  cwd: string,
  branch: string,
  base: string,
  options: CallOptions = {},
): Promise<number> {
  const { stdout } = await git.run(['rev-list', '--count', `${base}..${branch}`], { cwd, ...options });
  return Number.parseInt(stdout.trim(), 10) || 0;
}

/**
 * Is everything `branch` changed already in `base` ("proven in the base")? True when the branch is
 * an ancestor of base (merged, or never moved), or when merging it into base would change nothing:
 * that covers squash merges, rebases and cherry-picks, whose commits are not ancestors of the base.
 * A conflicting or unrelated merge counts as not merged.
 */
export async function isMerged(
  git: GitQueue,
  cwd: string,
  branch: string,
  base: string,
  options: CallOptions = {},
): Promise<boolean> {
  if (await isAncestor(git, cwd, branch, base, options)) return true;
  let merged;
  try {
    merged = await mergeTree(git, cwd, base, branch, options);
  } catch (error) {
    // Unrelated histories (exit 128): nothing is proven, so the branch is kept.
    if (isGitFailure(error)) return false;
    throw error;
  }
  if (merged.conflicts.length > 0) return false;
  const { stdout } = await git.run(['rev-parse', `${base}^{tree}`], { cwd, ...options });
  return merged.tree === stdout.trim();
}
