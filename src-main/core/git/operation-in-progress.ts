import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { GitPriority, GitQueue } from './types';

/** A multi-step git operation a worktree can be in the middle of. */
export type GitOperation = 'rebase' | 'am' | 'merge' | 'cherry-pick' | 'revert';

/** The worktree's own git directory (`<repo>/.git/worktrees/<name>` for a linked worktree), absolute. */
export async function worktreeGitDir(
  git: GitQueue,
  worktree: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<string> {
  const { stdout } = await git.run(['rev-parse', '--git-dir'], { cwd: worktree, ...options });
  const dir = stdout.trim();
  return isAbsolute(dir) ? dir : resolve(worktree, dir);
}

/**
 * What the worktree is in the middle of, read from the marker files git keeps in its git
 * directory (the same ones `git status` reads), or null when nothing is under way.
 */
export function operationInProgress(gitDir: string): GitOperation | null {
  if (existsSync(join(gitDir, 'rebase-merge'))) return 'rebase';
  if (existsSync(join(gitDir, 'rebase-apply'))) {
    return existsSync(join(gitDir, 'rebase-apply', 'applying')) ? 'am' : 'rebase';
  }
  if (existsSync(join(gitDir, 'MERGE_HEAD'))) return 'merge';
  if (existsSync(join(gitDir, 'CHERRY_PICK_HEAD'))) return 'cherry-pick';
  if (existsSync(join(gitDir, 'REVERT_HEAD'))) return 'revert';
  return null;
}

/** How to name an operation in a sentence, and the command that ends it. */
export function describeOperation(operation: GitOperation): { name: string; abort: string } {
  switch (operation) {
    case 'rebase':
      return { name: 'a rebase', abort: 'git rebase --abort' };
    case 'am':
      return { name: 'applying patches (git am)', abort: 'git am --abort' };
    case 'merge':
      return { name: 'a merge', abort: 'git merge --abort' };
    case 'cherry-pick':
      return { name: 'a cherry-pick', abort: 'git cherry-pick --abort' };
    case 'revert':
      return { name: 'a revert', abort: 'git revert --abort' };
  }
}
