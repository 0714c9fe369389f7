import { isAbsolute, resolve } from 'node:path';
import type { GitQueue, GitPriority } from './types';

interface CallOptions {
  signal?: AbortSignal;
  priority?: GitPriority;
}

async function resolveObject(
  git: GitQueue,
  cwd: string,
  rev: string,
  kind: 'commit' | 'tree',
  options: CallOptions,
): Promise<string | null> {
  // A leading dash would be read as an option; no branch or commit can start with one.
  if (rev.startsWith('-')) return null;
  const { stdout, exitCode } = await git.run(['rev-parse', '--verify', '--quiet', `${rev}^{${kind}}`], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return exitCode === 0 ? stdout.trim() : null;
}

/** The commit a revision names, or null when it names nothing (or not a commit). */
export function resolveCommit(
  git: GitQueue,
  cwd: string,
  rev: string,
  options: CallOptions = {},
): Promise<string | null> {
  return resolveObject(git, cwd, rev, 'commit', options);
}

/** The tree a revision names, or null when it names nothing. */
export function resolveTree(
  git: GitQueue,
  cwd: string,
  rev: string,
  options: CallOptions = {},
): Promise<string | null> {
  return resolveObject(git, cwd, rev, 'tree', options);
}

/** Absolute path of a file inside the (per-worktree) git directory, e.g. `index`. */
export async function gitPath(
  git: GitQueue,
  cwd: string,
  name: string,
  options: CallOptions = {},
): Promise<string> {
  const { stdout } = await git.run(['rev-parse', '--git-path', name], { cwd, ...options });
  const path = stdout.trim();
  return isAbsolute(path) ? path : resolve(cwd, path);
}

export type RepositoryProbe =
  | { kind: 'not_a_repo'; message: string }
  | { kind: 'bare' }
  | { kind: 'inside_git_dir' }
  | { kind: 'work_tree'; topLevel: string };

/** What kind of place a folder is, for adding it as a project. */
export async function probeRepository(git: GitQueue, folder: string): Promise<RepositoryProbe> {
  const probe = await git.run(['rev-parse', '--is-bare-repository', '--is-inside-work-tree'], {
    cwd: folder,
    allowedExitCodes: [128],
  });
  if (probe.exitCode !== 0) return { kind: 'not_a_repo', message: probe.stderr.trim() };
  const [bare, insideWorkTree] = probe.stdout.trim().split('\n');
  if (bare === 'true') return { kind: 'bare' };
  if (insideWorkTree !== 'true') return { kind: 'inside_git_dir' };
  const { stdout } = await git.run(['rev-parse', '--show-toplevel'], { cwd: folder });
  return { kind: 'work_tree', topLevel: stdout.trim() };
}
