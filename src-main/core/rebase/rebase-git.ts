import { SkeinError } from '../../../src-shared/contract';
import { readCommitIdentity, type GitResult } from '../git';
import type { RebaseContext } from './types';

/**
 * Never wait for an editor: the message of a commit being replayed is kept as it is, and a
 * sequence editor would only be asked for with `-i`, which Skein never passes.
 */
const NO_EDITORS = { GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true' };

/**
 * The environment for git commands that write commits in the worktree: the user's identity as
 * committer (each replayed commit keeps its author), or a refusal saying how to set one. Git would
 * otherwise guess `user@host`, or stop half-way with "Please tell me who you are".
 */
async function committerEnvironment(
  context: RebaseContext,
  worktree: string,
): Promise<Record<string, string>> {
  const identity = await readCommitIdentity(context.git, worktree, context.env, { gitEnv: context.gitEnv });
  if (!identity) {
    throw new SkeinError(
      'INVALID_STATE',
      'Git has no identity to write the rebased commits with. Set one (git config --global user.name "Your Name" and git config --global user.email you@example.com), then rebase again. Nothing was changed.',
      { worktree },
    );
  }
  return { GIT_COMMITTER_NAME: identity.committerName, GIT_COMMITTER_EMAIL: identity.committerEmail };
}

/**
 * Runs `git rebase <args>` in the worktree. Exit 1 is an answer (git stopped, usually on
 * conflicts; the caller reads the state to tell); other failures throw GIT_FAILED.
 */
export async function runRebase(
  context: RebaseContext,
  worktree: string,
  args: string[],
  options: { commits: boolean },
): Promise<GitResult> {
  const identity = options.commits ? await committerEnvironment(context, worktree) : {};
  return context.git.run(['rebase', ...args], {
    cwd: worktree,
    env: { ...context.gitEnv, ...NO_EDITORS, ...identity },
    allowedExitCodes: [1],
  });
}

/** The committer environment alone, checked before anything is changed. */
export async function requireCommitter(context: RebaseContext, worktree: string): Promise<void> {
  await committerEnvironment(context, worktree);
}

/** Git's own lines from a command's output (`error:`/`fatal:` first, hints left out), for an error sentence. */
export function gitComplaint(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'));
  const errors = lines.filter((line) => /^(error|fatal):/.test(line));
  return (errors.length > 0 ? errors : lines)
    .slice(0, 6)
    .join(' ')
    .replace(/(^|\s)(error|fatal): /g, '$1');
}
