import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { gitStderr } from './errors';
import type { GitPriority, GitQueue } from './types';
import { changeWorktreesOneAtATime } from './worktree-lock';

/**
 * Removes a linked worktree and its registration, including untracked files: callers snapshot
 * anything worth keeping first. A folder already deleted by hand only loses its registration,
 * and only this worktree's, unlike `git worktree prune` which would sweep every missing one.
 */
export function removeWorktree(
  git: GitQueue,
  repoPath: string,
  path: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<void> {
  return changeWorktreesOneAtATime(repoPath, () => removeNow(git, repoPath, path, options));
}

async function removeNow(
  git: GitQueue,
  repoPath: string,
  path: string,
  options: { signal?: AbortSignal; priority?: GitPriority },
): Promise<void> {
  try {
    await git.run(['worktree', 'remove', '--force', '--', path], { cwd: repoPath, ...options });
  } catch (error) {
    if (!existsSync(path)) {
      // Already neither on disk nor registered: the state we wanted.
      if (/is not a working tree/.test(gitStderr(error))) return;
      throw error;
    }
    // A half-made worktree (an interrupted `add`) can fail git's validation; the folder is ours, so clear it and retry.
    await rm(path, { recursive: true, force: true });
    await git.run(['worktree', 'remove', '--force', '--', path], {
      cwd: repoPath,
      allowedExitCodes: [128],
      ...options,
    });
  }
}

/** `git worktree prune`: drops the registration of every worktree whose folder is gone. */
export function pruneWorktrees(git: GitQueue, repoPath: string): Promise<void> {
  return changeWorktreesOneAtATime(repoPath, async () => {
    await git.run(['worktree', 'prune'], { cwd: repoPath });
  });
}

/** Switches a clean worktree to another commit with a detached HEAD (used to refresh pooled worktrees). */
export async function checkoutDetached(
  git: GitQueue,
  worktree: string,
  commit: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<void> {
  await git.run(['checkout', '--quiet', '--detach', commit, '--'], { cwd: worktree, ...options });
}
