import type { GitQueue } from './types';

/**
 * `git push --set-upstream <remote> <branch>`. Never prompts (the queue sets GIT_TERMINAL_PROMPT=0),
 * so a remote that wants a password fails with git's message instead of hanging. Returns what git
 * printed (it reports progress and the remote's messages on stderr).
 */
export async function pushBranch(
  git: GitQueue,
  cwd: string,
  remote: string,
  branch: string,
  options: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<string> {
  const { stdout, stderr } = await git.run(
    ['push', '--set-upstream', '--', remote, `refs/heads/${branch}:refs/heads/${branch}`],
    { cwd, ...options },
  );
  return [stdout.trim(), stderr.trim()].filter((text) => text !== '').join('\n');
}
