import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitPriority, GitQueue } from './types';

/**
 * Ignored folders that a package manager, build or tool makes again from tracked files, so a saved
 * copy would only cost space (they often hold hundreds of megabytes). Names from the default
 * `.gitignore` templates of npm, Python, Rust/Maven, Gradle, Next.js and Turborepo projects.
 */
export const REGENERABLE_FOLDERS: readonly string[] = [
  'node_modules',
  '.venv',
  'venv',
  'dist',
  'build',
  'target',
  '.next',
  '.turbo',
  '__pycache__',
  '.gradle',
  '.cache',
  'coverage',
];

/** Larger ignored files are logs, databases or build output more often than notes; 1 MiB keeps any `.env` or draft. */
export const IGNORED_FILE_LIMIT_BYTES = 1024 * 1024;

/** All kept ignored files together: a snapshot of a thread must stay cheap to write and to keep. */
export const IGNORED_TOTAL_LIMIT_BYTES = 32 * 1024 * 1024;

/** How many skipped paths a description names before "…". */
const SKIPPED_NAMED = 3;

export interface IgnoredSkip {
  /** Relative path; folders end with `/`. */
  path: string;
  why: 'regenerable' | 'too_large' | 'over_total' | 'not_a_file';
}

export interface IgnoredSelection {
  /** Ignored files (and symlinks) to keep, relative to the worktree. */
  kept: string[];
  keptBytes: number;
  skipped: IgnoredSkip[];
}

interface ListOptions {
  signal?: AbortSignal;
  priority?: GitPriority;
  /** Paths to leave out without listing them as skipped (e.g. setup files the main checkout still has). */
  omit?: ReadonlySet<string>;
}

const isRegenerable = (path: string): boolean =>
  path
    .split('/')
    .filter(Boolean)
    .some((segment) => REGENERABLE_FOLDERS.includes(segment));

/**
 * The worktree's git-ignored files worth keeping when the worktree is about to be removed: regenerable
 * folders, files over the per-file limit and whatever exceeds the total are skipped and listed.
 * Wholly ignored folders come from git as one entry (`--directory`) and are walked here, so git never
 * has to enumerate a `node_modules`.
 */
export async function selectIgnoredFiles(
  git: GitQueue,
  worktree: string,
  options: ListOptions = {},
): Promise<IgnoredSelection> {
  const { stdout } = await git.run(
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
    { cwd: worktree, env: { GIT_OPTIONAL_LOCKS: '0' }, signal: options.signal, priority: options.priority },
  );
  const selection: IgnoredSelection = { kept: [], keptBytes: 0, skipped: [] };
  const consider = async (path: string): Promise<void> => {
    if (options.omit?.has(path)) return;
    if (isRegenerable(path)) {
      selection.skipped.push({ path, why: 'regenerable' });
      return;
    }
    const stats = await lstat(join(worktree, path)).catch(() => null);
    if (!stats) return;
    if (stats.isDirectory()) {
      // A nested repository's own .git would be kept as files, not as a repository: leave it to its owner.
      if (path.endsWith('/.git') || path === '.git') {
        selection.skipped.push({ path: `${path}/`, why: 'not_a_file' });
        return;
      }
      const entries = await readdir(join(worktree, path)).catch(() => []);
      for (const entry of entries.sort()) await consider(`${path}/${entry}`);
      return;
    }
    if (!stats.isFile() && !stats.isSymbolicLink()) {
      selection.skipped.push({ path, why: 'not_a_file' });
      return;
    }
    const size = stats.isFile() ? stats.size : 0;
    if (size > IGNORED_FILE_LIMIT_BYTES) selection.skipped.push({ path, why: 'too_large' });
    else if (selection.keptBytes + size > IGNORED_TOTAL_LIMIT_BYTES)
      selection.skipped.push({ path, why: 'over_total' });
    else {
      selection.kept.push(path);
      selection.keptBytes += size;
    }
  };
  for (const entry of stdout.split('\0')) {
    if (entry === '') continue;
    const path = entry.endsWith('/') ? entry.slice(0, -1) : entry;
    if (entry.endsWith('/') && isRegenerable(path))
      selection.skipped.push({ path: entry, why: 'regenerable' });
    else await consider(path);
  }
  return selection;
}

/** "N ignored files not kept (node_modules/, big.log …)", or null when nothing was skipped. */
export function describeSkippedIgnored(skipped: readonly IgnoredSkip[]): string | null {
  if (skipped.length === 0) return null;
  const named = skipped.slice(0, SKIPPED_NAMED).map((skip) => skip.path);
  const more = skipped.length > SKIPPED_NAMED ? ' …' : '';
  const noun = skipped.length === 1 ? 'ignored file or folder' : 'ignored files or folders';
  return `${skipped.length} ${noun} not kept (${named.join(', ')}${more}): regenerable folders such as node_modules, files over ${IGNORED_FILE_LIMIT_BYTES / 1024 / 1024} MiB and anything past ${IGNORED_TOTAL_LIMIT_BYTES / 1024 / 1024} MiB in all are left out.`;
}
