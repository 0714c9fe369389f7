import { gitStderr } from './errors';
import type { GitPriority, GitQueue } from './types';

/**
 * `git worktree list` fails while a concurrent `worktree add` (the pool refilling) has made a
 * worktree's admin folder but not yet its files; that lasts milliseconds, so a few short retries get
 * past it.
 */
const HALF_MADE_ATTEMPTS = 5;
const HALF_MADE_RETRY_MS = 50;

export interface WorktreeEntry {
  path: string;
  /** Null for a bare main repository or an unborn branch. */
  head: string | null;
  /** Full ref (`refs/heads/x`) of the checked-out branch; null when detached or bare. */
  branch: string | null;
  detached: boolean;
  bare: boolean;
  locked: boolean;
  /** Git thinks the worktree's folder is gone (`git worktree prune` would drop it). */
  prunable: boolean;
}

/** Parses `git worktree list --porcelain -z`: NUL-terminated lines, an empty line between worktrees. */
export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const line of output.split('\0')) {
    if (line === '') {
      if (current) entries.push(current);
      current = null;
      continue;
    }
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? '' : line.slice(space + 1);
    if (key === 'worktree') {
      if (current) entries.push(current);
      current = {
        path: value,
        head: null,
        branch: null,
        detached: false,
        bare: false,
        locked: false,
        prunable: false,
      };
      continue;
    }
    if (!current) continue;
    switch (key) {
      case 'HEAD':
        current.head = /^0+$/.test(value) ? null : value;
        break;
      case 'branch':
        current.branch = value;
        break;
      case 'detached':
        current.detached = true;
        break;
      case 'bare':
        current.bare = true;
        break;
      case 'locked':
        current.locked = true;
        break;
      case 'prunable':
        current.prunable = true;
        break;
      default:
        // Newer git may add attributes; ignoring them keeps old parsers working.
        break;
    }
  }
  if (current) entries.push(current);
  return entries;
}

export async function listWorktrees(
  git: GitQueue,
  repoPath: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<WorktreeEntry[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { stdout } = await git.run(['worktree', 'list', '--porcelain', '-z'], {
        cwd: repoPath,
        ...options,
      });
      return parseWorktreeList(stdout);
    } catch (error) {
      const halfMade = /failed to read .*worktrees\//.test(gitStderr(error));
      if (!halfMade || options.signal?.aborted || attempt >= HALF_MADE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, HALF_MADE_RETRY_MS));
    }
  }
}
