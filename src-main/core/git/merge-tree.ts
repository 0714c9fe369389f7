import type { GitPriority, GitQueue } from './types';

export interface MergeTreeResult {
  /** The merged tree; with conflicts it holds conflict markers and is only good for inspection. */
  tree: string;
  /** Paths with conflicts, each once, in git's order; empty for a clean merge. */
  conflicts: string[];
}

/**
 * Parses `git merge-tree --write-tree -z --name-only --no-messages`: the tree id, then one
 * NUL-terminated path per conflicted stage (a path may repeat), then nothing (no messages).
 */
export function parseMergeTree(output: string): MergeTreeResult {
  const [tree = '', ...paths] = output.split('\0');
  const conflicts: string[] = [];
  for (const path of paths) {
    // An empty field ends the conflicted-file section (messages would follow it).
    if (path === '') break;
    if (!conflicts.includes(path)) conflicts.push(path);
  }
  return { tree: tree.trim(), conflicts };
}

/**
 * Merges two commits without a worktree or index (git 2.38+). Exit 1 means "conflicts", which is
 * an answer; anything else (e.g. unrelated histories) is a failure.
 */
export async function mergeTree(
  git: GitQueue,
  cwd: string,
  ours: string,
  theirs: string,
  options: { env?: Record<string, string>; signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<MergeTreeResult> {
  const { stdout } = await git.run(
    ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs],
    { cwd, allowedExitCodes: [1], ...options },
  );
  return parseMergeTree(stdout);
}
