import type { GitPriority, GitQueue } from './types';
import { changeWorktreesOneAtATime } from './worktree-lock';

export interface AddWorktreeInput {
  path: string;
  /** Branch or commit to check out. */
  commitish: string;
  /** Create this branch at `commitish` and check it out. */
  newBranch?: string;
  /** Check out `commitish` with a detached HEAD (used for pooled worktrees that get a branch later). */
  detach?: boolean;
  signal?: AbortSignal;
  priority?: GitPriority;
}

/** `git worktree add`: a new working tree for the repository at `path` (which must not exist or be empty). */
export async function addWorktree(git: GitQueue, repoPath: string, input: AddWorktreeInput): Promise<void> {
  const args = ['worktree', 'add', '--quiet'];
  if (input.newBranch) args.push('-b', input.newBranch);
  if (input.detach) args.push('--detach');
  args.push('--', input.path, input.commitish);
  await changeWorktreesOneAtATime(repoPath, () =>
    git.run(args, { cwd: repoPath, signal: input.signal, priority: input.priority }),
  );
}
