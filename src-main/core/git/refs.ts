import { gitStderr, isGitFailure } from './errors';
import type { GitPriority, GitQueue } from './types';

interface CallOptions {
  signal?: AbortSignal;
  priority?: GitPriority;
}

/**
 * Points `ref` at `commit`. With `expected` it is a compare-and-swap: a string is the value the ref
 * must still have, null means the ref must not exist yet. Resolves false when that check fails
 * (someone else moved or created the ref), so callers can retry or report instead of overwriting.
 */
export async function updateRef(
  git: GitQueue,
  cwd: string,
  ref: string,
  commit: string,
  expected?: string | null,
  options: CallOptions & { message?: string } = {},
): Promise<boolean> {
  const args = ['update-ref', '-m', options.message ?? 'skein', ref, commit];
  if (expected !== undefined) args.push(expected ?? '');
  try {
    await git.run(args, { cwd, signal: options.signal, priority: options.priority });
    return true;
  } catch (error) {
    if (
      expected !== undefined &&
      isGitFailure(error) &&
      /cannot lock ref|reference already exists/.test(gitStderr(error))
    ) {
      return false;
    }
    throw error;
  }
}

export async function deleteRef(
  git: GitQueue,
  cwd: string,
  ref: string,
  options: CallOptions = {},
): Promise<void> {
  await git.run(['update-ref', '-d', ref], { cwd, ...options });
}

/** Sets a worktree's HEAD to a branch without touching its files or index: a pure ref operation. */
export async function pointHeadAt(
  git: GitQueue,
  worktree: string,
  ref: string,
  options: CallOptions = {},
): Promise<void> {
  await git.run(['symbolic-ref', '-m', 'skein: claim worktree', 'HEAD', ref], { cwd: worktree, ...options });
}

/** Full ref names under a prefix, e.g. `refs/skein/trash/`, with the commit each points at. */
export async function listRefs(
  git: GitQueue,
  cwd: string,
  prefix: string,
  options: CallOptions = {},
): Promise<{ ref: string; commit: string }[]> {
  const { stdout } = await git.run(['for-each-ref', '--format=%(objectname) %(refname)', prefix], {
    cwd,
    ...options,
  });
  return stdout
    .split('\n')
    .filter((line) => line.includes(' '))
    .map((line) => {
      const space = line.indexOf(' ');
      return { commit: line.slice(0, space), ref: line.slice(space + 1) };
    });
}
