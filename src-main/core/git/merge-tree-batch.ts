import type { MergeTreeResult } from './merge-tree';
import type { GitPriority, GitQueue } from './types';

/**
 * Parses `git merge-tree --stdin --write-tree -z --name-only --no-messages`: per merge, a status
 * (1 clean, 0 conflicts) NUL, the tree id NUL, one conflicted path NUL each, then an empty field.
 * Returns null when the output does not hold `count` merges (git stopped part-way).
 */
export function parseMergeTreeBatch(output: string, count: number): MergeTreeResult[] | null {
  const fields = output.split('\0');
  const results: MergeTreeResult[] = [];
  let index = 0;
  while (results.length < count) {
    const status = fields[index];
    const tree = fields[index + 1];
    if ((status !== '0' && status !== '1') || tree === undefined || tree === '') return null;
    index += 2;
    const conflicts: string[] = [];
    for (; index < fields.length && fields[index] !== ''; index += 1) {
      const path = fields[index] ?? '';
      if (!conflicts.includes(path)) conflicts.push(path);
    }
    if (index >= fields.length) return null;
    index += 1;
    results.push({ tree, conflicts });
  }
  return results;
}

/**
 * Many merges in one git process (`merge-tree --stdin`, git 2.38+): one process start and one
 * load of the object store for all of them, instead of one per pair. Results come in input order.
 * A bad input (an unknown commit, unrelated histories) fails the whole call.
 */
export async function mergeTreeBatch(
  git: GitQueue,
  cwd: string,
  pairs: [string, string][],
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<MergeTreeResult[]> {
  if (pairs.length === 0) return [];
  const { stdout } = await git.run(
    ['merge-tree', '--stdin', '--write-tree', '-z', '--name-only', '--no-messages'],
    {
      cwd,
      input: pairs.map(([ours, theirs]) => `${ours} ${theirs}\n`).join(''),
      ...options,
    },
  );
  const results = parseMergeTreeBatch(stdout, pairs.length);
  if (!results)
    throw new Error(`git merge-tree --stdin answered ${pairs.length} merges with unreadable output.`);
  return results;
}
