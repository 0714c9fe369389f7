import { gitStderr, isGitFailure } from './errors';
import type { GitQueue } from './types';

export interface RefUpdate {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  to: string;
  /** The commit the ref must still point at: the compare in compare-and-swap. */
  from: string;
}

/**
 * Moves several refs in one transaction (`update-ref --stdin`): all of them move, or none does.
 * Resolves false when a ref no longer points where the caller read it (someone moved it meanwhile).
 */
export async function updateRefsTogether(
  git: GitQueue,
  cwd: string,
  updates: RefUpdate[],
  options: { message: string; signal?: AbortSignal },
): Promise<boolean> {
  const input = updates.map((update) => `update ${update.ref} ${update.to} ${update.from}\n`).join('');
  try {
    await git.run(['update-ref', '--stdin', '-m', options.message], { cwd, input, signal: options.signal });
    return true;
  } catch (error) {
    if (
      isGitFailure(error) &&
      /cannot lock ref|but expected|reference already exists/.test(gitStderr(error))
    ) {
      return false;
    }
    throw error;
  }
}
