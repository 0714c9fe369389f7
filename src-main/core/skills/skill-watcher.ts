import { existsSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { createLogger } from '../log';

const log = createLogger('skills');

/** Edits arrive in bursts (an editor's save is several events); one notification per burst. */
const CHANGE_DEBOUNCE_MS = 150;
/** How often folders that do not exist yet are checked for; creating one by hand is rare, a few seconds is fine. */
const MISSING_ROOT_POLL_MS = 3_000;
/** A skill's files sit a few folders below its root (`<root>/<skill>/references/x.md`, Codex's `.system`). */
const WATCH_DEPTH = 4;
const IGNORED = new Set(['.git', 'node_modules']);

export interface SkillWatcher {
  /**
   * Starts watching these skills folders (those missing are watched once they appear). Resolves when
   * the new watchers have scanned their folders, so a change made after it is reported.
   */
  watchRoots(roots: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Watches skills folders (one watcher each: each says when it is ready) and reports, debounced, which changed. */
export function createSkillWatcher(onChange: (roots: string[]) => void): SkillWatcher {
  const watchers = new Map<string, FSWatcher>();
  const missing = new Set<string>();
  const changed = new Set<string>();
  let debounce: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;
  let markClosed: () => void = () => undefined;
  // Waiting for a watcher's first scan ends when the host closes, whether or not the scan did.
  const closing = new Promise<void>((resolve) => (markClosed = resolve));

  const changedIn = (root: string): void => {
    changed.add(root);
    debounce ??= setTimeout(() => {
      debounce = null;
      const roots = [...changed];
      changed.clear();
      if (!closed) onChange(roots);
    }, CHANGE_DEBOUNCE_MS);
  };

  const start = (root: string): Promise<void> => {
    const watcher = watch(root, {
      ignoreInitial: true,
      depth: WATCH_DEPTH,
      ignored: (path: string) =>
        path.split(sep).some((part) => IGNORED.has(part)) || basename(path) === '.DS_Store',
    });
    watchers.set(root, watcher);
    watcher.on('all', () => changedIn(root));
    watcher.on('error', (error) => log.warn(`Watching the skills folder ${root} failed`, error));
    return Promise.race([new Promise<void>((resolve) => watcher.once('ready', () => resolve())), closing]);
  };

  const checkMissing = (): void => {
    for (const root of [...missing]) {
      if (closed || !existsSync(root)) continue;
      missing.delete(root);
      void start(root);
      changedIn(root);
    }
    if (missing.size === 0 && poll) {
      clearInterval(poll);
      poll = null;
    }
  };

  return {
    async watchRoots(roots) {
      if (closed) return;
      const starting: Array<Promise<void>> = [];
      for (const root of roots) {
        if (watchers.has(root) || missing.has(root)) continue;
        if (existsSync(root)) starting.push(start(root));
        else missing.add(root);
      }
      if (missing.size > 0 && !poll) {
        poll = setInterval(checkMissing, MISSING_ROOT_POLL_MS);
        poll.unref();
      }
      await Promise.all(starting);
    },
    async close() {
      closed = true;
      markClosed();
      if (debounce) clearTimeout(debounce);
      if (poll) clearInterval(poll);
      await Promise.all([...watchers.values()].map((watcher) => watcher.close()));
      watchers.clear();
    },
  };
}
