import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { watch, type ChokidarOptions, type FSWatcher } from 'chokidar';
import type { Thread } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { createLogger } from '../log';
import { createDebouncer } from './debouncer';
import { watchFolders } from './folder-watcher';
import { ignoredAmong, listIgnoredPaths } from './ignored-paths';
import { WATCH_CHECKED_PATHS, WATCH_DEBOUNCE_MS, WATCH_MAX_WAIT_MS } from './limits';
import { createWatchIgnore, worktreeRelative } from './watch-ignore';

const log = createLogger('review-watch');

export interface ThreadWatcher {
  close(): Promise<void>;
}

/** Git files whose change means the review changed: HEAD, the branch and base refs, packed refs. */
interface GitTargets {
  /** The worktree's git dir and the common dir, watched without descent. */
  shallow: string[];
  /** `refs/heads`, deep enough for the branch names. */
  refsHeads: { path: string; depth: number } | null;
  files: Set<string>;
}

async function gitTargets(git: GitQueue, worktree: string, thread: Thread): Promise<GitTargets> {
  const { stdout } = await git.run(['rev-parse', '--absolute-git-dir', '--git-common-dir'], {
    cwd: worktree,
  });
  const [gitDirRaw = '', commonRaw = ''] = stdout.trim().split('\n');
  const gitDir = await realpath(gitDirRaw);
  const common = await realpath(resolve(worktree, commonRaw));
  const refsHeads = join(common, 'refs', 'heads');
  const branches = [thread.branch, thread.base].filter((name) => name !== '');
  const files = new Set([join(gitDir, 'HEAD'), join(common, 'packed-refs')]);
  for (const branch of branches) files.add(join(refsHeads, ...branch.split('/')));
  const depth = Math.max(0, ...branches.map((branch) => branch.split('/').length - 1));
  return {
    shallow: [...new Set([gitDir, common])],
    refsHeads: existsSync(refsHeads) ? { path: refsHeads, depth } : null,
    files,
  };
}

function ready(watcher: FSWatcher): Promise<void> {
  return new Promise((resolveReady) => watcher.once('ready', () => resolveReady()));
}

const COMMON_OPTIONS: ChokidarOptions = {
  ignoreInitial: true,
  followSymlinks: false,
  ignorePermissionErrors: true,
};

/**
 * Watches a thread's worktree (minus `.git`, `node_modules` and ignored folders) and its refs, so
 * edits in a terminal or an editor, and commits made there, reach the review. Calls `onChange`
 * debounced, and not at all for a burst that only touched ignored files (a folder that turns out
 * ignored, like a build's new output folder, is dropped from the watch). Resolves once watching.
 */
export async function startThreadWatcher(
  git: GitQueue,
  thread: Thread,
  onChange: () => void,
): Promise<ThreadWatcher> {
  const worktree = await realpath(thread.worktreePath);
  const [targets, ignoredAtStart] = await Promise.all([
    gitTargets(git, worktree, thread),
    listIgnoredPaths(git, worktree),
  ]);
  const ignore = createWatchIgnore(worktree, ignoredAtStart);
  /** Worktree paths touched since the last call; null once a burst is too big to check. */
  let touched: Map<string, boolean> | null = new Map();
  let refsMoved = false;
  let closed = false;

  const settle = async () => {
    const paths = touched;
    const mustTell = refsMoved || paths === null;
    touched = new Map();
    refsMoved = false;
    if (mustTell) return onChange();
    if (paths.size === 0) return;
    let ignored = new Set<string>();
    try {
      ignored = await ignoredAmong(git, worktree, [...paths.keys()]);
    } catch (error) {
      log.warn(`Checking ignored paths in ${worktree} failed`, error);
    }
    if (closed) return;
    for (const [path, isFolder] of paths) {
      if (!isFolder || !ignored.has(path)) continue;
      ignore.add(path);
      files.unwatch(join(worktree, ...path.split('/')));
    }
    if ([...paths.keys()].some((path) => !ignored.has(path))) onChange();
  };
  const debouncer = createDebouncer(() => void settle(), WATCH_DEBOUNCE_MS, WATCH_MAX_WAIT_MS);

  const files = watchFolders(worktree, {
    ignored: ignore,
    onEvent: (event, path) => {
      const rel = worktreeRelative(worktree, path);
      if (rel === null) return;
      if (touched !== null) {
        touched.set(rel, event === 'addDir' || event === 'unlinkDir');
        if (touched.size > WATCH_CHECKED_PATHS) touched = null;
      }
      debouncer.trigger();
    },
    onError: (error) => log.warn(`Watching ${worktree} failed`, error),
  });
  const onGitEvent = (_event: string, path: string) => {
    if (!targets.files.has(path)) return;
    refsMoved = true;
    debouncer.trigger();
  };
  const watchers: FSWatcher[] = [
    watch(targets.shallow, { ...COMMON_OPTIONS, depth: 0 }).on('all', onGitEvent),
  ];
  if (targets.refsHeads) {
    const { path, depth } = targets.refsHeads;
    watchers.push(watch(path, { ...COMMON_OPTIONS, depth }).on('all', onGitEvent));
  }
  for (const watcher of watchers)
    watcher.on('error', (error) => log.warn(`Watching ${worktree} failed`, error));
  await Promise.all([files.ready, ...watchers.map(ready)]);
  return {
    async close() {
      closed = true;
      debouncer.cancel();
      files.close();
      await Promise.all(watchers.map((watcher) => watcher.close()));
    },
  };
}
