import { relative, sep } from 'node:path';

/** Folders never worth watching, ignored or not: git's own data and package installs (tens of thousands of files). */
const NEVER_WATCHED = new Set(['.git', 'node_modules']);

/** A worktree path as git names it: relative, `/`-separated; null for the root and paths outside. */
export function worktreeRelative(root: string, path: string): string | null {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..')) return null;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export interface WatchIgnore {
  /** For chokidar's `ignored`. */
  (path: string): boolean;
  /** Ignores a folder found ignored after the watch started (a build's output appearing). */
  add(relativePath: string): void;
}

/**
 * A chokidar `ignored` function for a worktree: `.git`, `node_modules` at any depth, and the
 * paths git lists as ignored (`ls-files --others --ignored --directory`, relative, `/`-separated).
 */
export function createWatchIgnore(root: string, ignoredPaths: Iterable<string>): WatchIgnore {
  const ignored = new Set<string>();
  const add = (path: string) => {
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    if (trimmed !== '') ignored.add(trimmed);
  };
  for (const path of ignoredPaths) add(path);
  const matcher = (path: string): boolean => {
    const rel = worktreeRelative(root, path);
    if (rel === null) return false;
    let prefix = '';
    for (const segment of rel.split('/')) {
      if (NEVER_WATCHED.has(segment)) return true;
      prefix = prefix === '' ? segment : `${prefix}/${segment}`;
      if (ignored.has(prefix)) return true;
    }
    return false;
  };
  return Object.assign(matcher, { add });
}
