import type { GitPriority, GitQueue } from './types';

interface CallOptions {
  signal?: AbortSignal;
  priority?: GitPriority;
}

/** The branch checked out in a worktree, or null when HEAD is detached. */
export async function currentBranch(
  git: GitQueue,
  cwd: string,
  options: CallOptions = {},
): Promise<string | null> {
  const { stdout, exitCode } = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0 ? stdout.trim() : null;
}

/** Short names of local branches under a prefix (all local branches by default), sorted by name. */
export async function listBranches(
  git: GitQueue,
  cwd: string,
  prefix = '',
  options: CallOptions = {},
): Promise<string[]> {
  const { stdout } = await git.run(['for-each-ref', '--format=%(refname)', `refs/heads/${prefix}`], {
    cwd,
    ...options,
  });
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('refs/heads/'))
    .map((line) => line.slice('refs/heads/'.length));
}

export async function branchExists(
  git: GitQueue,
  cwd: string,
  branch: string,
  options: CallOptions = {},
): Promise<boolean> {
  const { exitCode } = await git.run(['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0;
}

/** Deletes a local branch; git refuses when it is checked out in any worktree, which is what we want. */
export async function deleteBranch(
  git: GitQueue,
  cwd: string,
  branch: string,
  options: CallOptions = {},
): Promise<void> {
  await git.run(['branch', '-D', '--', branch], { cwd, ...options });
}

/** A config value as git resolves it for this repository, or null when unset. */
export async function readConfig(
  git: GitQueue,
  cwd: string,
  key: string,
  options: CallOptions = {},
): Promise<string | null> {
  const { stdout, exitCode } = await git.run(['config', '--get', key], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0 ? stdout.trim() : null;
}
