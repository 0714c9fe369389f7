import { SkeinError } from '../../../src-shared/contract';
import { readCommitIdentity, type GitQueue } from '../git';

export const NO_IDENTITY_MESSAGE =
  'Git does not know who you are, so Skein will not commit in your name. Set your identity once in a terminal: ' +
  'git config --global user.name "Your Name" && git config --global user.email "you@example.com" ' +
  '(leave out --global to set it for this repository only), then commit again.';

/**
 * Refuses, saying how to fix it, when git has no identity configured. Git would otherwise guess
 * one from the machine (user@host); for commits the user will push, asking beats guessing.
 */
export async function requireGitIdentity(git: GitQueue, worktree: string): Promise<void> {
  if (!(await readCommitIdentity(git, worktree, process.env))) {
    throw new SkeinError('INVALID_STATE', NO_IDENTITY_MESSAGE, { worktree });
  }
}
