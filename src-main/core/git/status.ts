import type { GitPriority, GitQueue } from './types';

export interface WorktreeStatus {
  /** Tracked paths with staged or unstaged changes (renames listed under their new path). */
  changed: string[];
  /** Untracked paths that are not ignored (a wholly untracked folder is listed once, with a trailing `/`). */
  untracked: string[];
  /** Paths with unresolved merge conflicts. */
  conflicted: string[];
  dirty: boolean;
}

/** Index of the path in a porcelain v2 record: after this many space-separated fields. */
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, '2': 9, u: 10 };

function afterFields(record: string, count: number): string {
  let index = 0;
  for (let i = 0; i < count; i += 1) {
    index = record.indexOf(' ', index) + 1;
    if (index === 0) return '';
  }
  return record.slice(index);
}

/** Parses `git status --porcelain=v2 -z`. */
export function parseStatusV2(output: string): WorktreeStatus {
  const status: WorktreeStatus = { changed: [], untracked: [], conflicted: [], dirty: false };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] ?? '';
    if (record === '') continue;
    const type = record[0] ?? '';
    switch (type) {
      case '1':
        status.changed.push(afterFields(record, FIELDS_BEFORE_PATH['1'] ?? 0));
        break;
      case '2':
        status.changed.push(afterFields(record, FIELDS_BEFORE_PATH['2'] ?? 0));
        // A rename carries its original path as the next NUL-separated field.
        i += 1;
        break;
      case 'u':
        status.conflicted.push(afterFields(record, FIELDS_BEFORE_PATH.u ?? 0));
        break;
      case '?':
        status.untracked.push(record.slice(2));
        break;
      default:
        // '#' headers and '!' ignored entries say nothing about uncommitted work.
        break;
    }
  }
  status.dirty = status.changed.length + status.untracked.length + status.conflicted.length > 0;
  return status;
}

export async function worktreeStatus(
  git: GitQueue,
  worktree: string,
  options: { signal?: AbortSignal; priority?: GitPriority; untracked?: 'normal' | 'all' | 'no' } = {},
): Promise<WorktreeStatus> {
  const { stdout } = await git.run(
    ['status', '--porcelain=v2', '-z', `--untracked-files=${options.untracked ?? 'normal'}`],
    // No optional locks: a status from Skein must never collide with the user's own git in this worktree.
    { cwd: worktree, env: { GIT_OPTIONAL_LOCKS: '0' }, signal: options.signal, priority: options.priority },
  );
  return parseStatusV2(stdout);
}
