import type { GitQueue } from './types';

export interface CommitTreeInput {
  tree: string;
  parents: string[];
  /** Taken verbatim (no comment stripping), passed on stdin so any length and character works. */
  message: string;
  /** Identity and dates (GIT_AUTHOR_NAME, GIT_AUTHOR_DATE, ...): commit-tree reads them from the environment. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/** Writes a commit object; no ref moves. Returns its id. */
export async function commitTree(git: GitQueue, cwd: string, input: CommitTreeInput): Promise<string> {
  const args = ['commit-tree', input.tree];
  for (const parent of input.parents) args.push('-p', parent);
  const { stdout } = await git.run(args, {
    cwd,
    env: input.env,
    input: input.message,
    signal: input.signal,
  });
  return stdout.trim();
}
