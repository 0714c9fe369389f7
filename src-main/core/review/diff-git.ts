import { SkeinError } from '../../../src-shared/contract';
import { gitStderr, isGitFailure, type GitQueue } from '../git';
import { parseRawNumstat, type RawChange } from './raw-diff';

/**
 * Options every review diff runs with, whatever the user's config says: no colour, external
 * diff tools or text conversion (they would change what we parse), paths from the top.
 */
export const PLAIN_DIFF = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-relative'];

/** Paths from a client are file names, never glob patterns. */
export const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1' };

/** A diff naming a commit that is not in the repository: the client's review is stale or wrong. */
export function unknownCommit(error: unknown, from: string, to: string): never {
  if (
    isGitFailure(error) &&
    /bad object|unknown revision|bad revision|invalid object/.test(gitStderr(error))
  ) {
    throw new SkeinError(
      'NOT_FOUND',
      `The commits ${from.slice(0, 12)}..${to.slice(0, 12)} are not both in this repository. Refresh the review.`,
      { from, to, stderr: gitStderr(error) },
    );
  }
  throw error;
}

/** Every changed file between two commits, renames detected; `paths` limits it to those files. */
export async function rawDiff(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  paths: string[] = [],
): Promise<RawChange[]> {
  const args = ['diff', ...PLAIN_DIFF, '--raw', '--numstat', '-z', '-M', '--no-abbrev', from, to, '--'];
  try {
    const { stdout } = await git.run([...args, ...paths], { cwd, env: LITERAL_PATHS });
    return parseRawNumstat(stdout);
  } catch (error) {
    unknownCommit(error, from, to);
  }
}

/** The patch of one file (both paths of a rename) with `context` lines around each hunk. */
export async function filePatch(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  paths: string[],
  context: number,
  signal?: AbortSignal,
): Promise<string> {
  const args = ['diff', ...PLAIN_DIFF, '-M', `-U${context}`, from, to, '--', ...paths];
  try {
    return (await git.run(args, { cwd, env: LITERAL_PATHS, signal })).stdout;
  } catch (error) {
    unknownCommit(error, from, to);
  }
}

/** Paths that differ between two commits, renames reported as a deletion and an addition. */
export async function changedPaths(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
): Promise<Set<string>> {
  if (from === to) return new Set();
  const { stdout } = await git.run(['diff', ...PLAIN_DIFF, '--name-only', '-z', '--no-renames', from, to], {
    cwd,
  });
  return new Set(stdout.split('\0').filter((path) => path !== ''));
}

/** True when any of `paths` differs between two commits. */
export async function pathsDiffer(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  paths: string[],
): Promise<boolean> {
  if (from === to) return false;
  const { exitCode } = await git.run(
    ['diff', ...PLAIN_DIFF, '--quiet', '--no-renames', from, to, '--', ...paths],
    {
      cwd,
      env: LITERAL_PATHS,
      allowedExitCodes: [1],
    },
  );
  return exitCode === 1;
}

/**
 * Sizes in bytes of objects, in one `cat-file --batch-check` however many there are. Objects git
 * does not have (a submodule's commit) are left out.
 */
export async function objectSizes(git: GitQueue, cwd: string, ids: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids)];
  const sizes = new Map<string, number>();
  if (unique.length === 0) return sizes;
  const { stdout } = await git.run(['cat-file', '--batch-check=%(objectname) %(objectsize)'], {
    cwd,
    input: `${unique.join('\n')}\n`,
  });
  for (const line of stdout.split('\n')) {
    const [id, size] = line.split(' ');
    if (id && size && size !== 'missing') sizes.set(id, Number(size));
  }
  return sizes;
}

/** A blob's text. */
export async function readBlob(git: GitQueue, cwd: string, id: string): Promise<string> {
  return (await git.run(['cat-file', 'blob', id], { cwd })).stdout;
}
