import type { GitQueue } from './types';

export interface TreeChange {
  /** `A` added, `D` deleted, `M` modified, `T` type changed. */
  status: string;
  path: string;
}

/** Parses `git diff-tree -r -z --name-status --no-renames`: status NUL path NUL, repeated. */
export function parseNameStatus(output: string): TreeChange[] {
  const fields = output.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i] ?? '';
    const path = fields[i + 1] ?? '';
    if (status === '' || path === '') break;
    changes.push({ status: status.slice(0, 1), path });
  }
  return changes;
}

/** Paths that differ between two tree-ishes (commits or trees), renames as delete + add. */
export async function changedPaths(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  options: { signal?: AbortSignal } = {},
): Promise<TreeChange[]> {
  const { stdout } = await git.run(['diff-tree', '-r', '-z', '--name-status', '--no-renames', from, to], {
    cwd,
    ...options,
  });
  return parseNameStatus(stdout);
}

/** `git diff --stat` between two revisions, as git prints it (for a pull request's body). */
export async function diffStat(
  git: GitQueue,
  cwd: string,
  range: string,
  options: { maxFiles: number; signal?: AbortSignal },
): Promise<string> {
  const { stdout } = await git.run(
    ['diff', '--no-color', `--stat=100`, `--stat-count=${options.maxFiles}`, range, '--'],
    { cwd, signal: options.signal },
  );
  return stdout;
}
