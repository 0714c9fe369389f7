import { SkeinError } from '../../../src-shared/contract';
import { isAncestor, resolveCommit, type GitQueue } from '../git';
import { LITERAL_PATHS } from './diff-git';
import { resolveBaseTip } from './diff-sides';
import { requireGitIdentity } from './git-identity';
import { requireWorktree } from './review-thread';
import type { ReviewServiceDeps } from './types';

const NOTHING_TO_COMMIT = /nothing to commit|no changes added to commit|nothing added to commit/;

/** Amending a commit the base already has would rewrite shared history on the thread's branch. */
async function requireOwnCommit(deps: ReviewServiceDeps, worktree: string, threadId: string): Promise<void> {
  const thread = deps.threads.get(threadId);
  const base = (await resolveBaseTip(deps.git, worktree, thread)) ?? thread.baseCommit;
  const head = await resolveCommit(deps.git, worktree, 'HEAD');
  if (head === null || (await isAncestor(deps.git, worktree, head, base))) {
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" has no commit of its own to amend (its last commit is already on ${thread.base}). Commit instead.`,
      { threadId },
    );
  }
}

async function runCommit(git: GitQueue, worktree: string, message: string, amend: boolean, paths?: string[]) {
  const args = ['commit', '--file=-', ...(amend ? ['--amend'] : []), ...(paths ? ['--', ...paths] : [])];
  // Exit 1 is both "nothing to commit" and a hook refusing; the output tells which.
  const result = await git.run(args, {
    cwd: worktree,
    input: message,
    env: LITERAL_PATHS,
    allowedExitCodes: [1],
  });
  if (result.exitCode === 0) return;
  if (NOTHING_TO_COMMIT.test(result.stdout)) {
    throw new SkeinError(
      'INVALID_STATE',
      'There is nothing to commit: the files you chose have no changes.',
      {
        output: result.stdout.slice(0, 4_000),
      },
    );
  }
  const output = `${result.stderr}${result.stdout}`.trim();
  throw new SkeinError(
    'GIT_FAILED',
    `git commit was refused (a hook, or git itself): ${output.split('\n')[0] ?? 'no message'}`,
    { args, cwd: worktree, exitCode: result.exitCode, stderr: output.slice(0, 8_000) },
  );
}

/**
 * Stages (everything, or only `paths`) and commits in the thread's worktree as the user would in a
 * terminal: with their git identity and their hooks (pre-commit and commit-msg run; a hook that
 * refuses fails the call with its output). See docs/decisions/0008-review-edits-and-commits.md.
 */
export async function commitWork(
  deps: ReviewServiceDeps,
  input: { threadId: string; message: string; amend?: boolean; paths?: string[] },
): Promise<{ commit: string }> {
  const { threadId, message, paths } = input;
  const amend = input.amend === true;
  const { worktree } = requireWorktree(deps, threadId);
  await requireGitIdentity(deps.git, worktree);
  if (amend) await requireOwnCommit(deps, worktree, threadId);
  const chosen = paths && paths.length > 0 ? [...new Set(paths)] : undefined;
  await deps.git.run(['add', '--all', '--', ...(chosen ?? ['.'])], { cwd: worktree, env: LITERAL_PATHS });
  await runCommit(deps.git, worktree, message, amend, chosen);
  const commit = await resolveCommit(deps.git, worktree, 'HEAD');
  if (!commit) throw new Error(`git commit succeeded in ${worktree} but HEAD names no commit`);
  deps.publisher.publish('review/changed', { threadId });
  return { commit };
}
