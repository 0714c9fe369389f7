import type { GitQueue } from '../git';
import { LITERAL_PATHS, PLAIN_DIFF, unknownCommit } from './diff-git';
import { LINE_COUNT_CACHE_ENTRIES, RECOUNT_BY_PATH_LIMIT } from './limits';
import { parseNumstat, parseRaw, withCounts, type NumstatEntry, type RawChange } from './raw-diff';

type Counts = Omit<NumstatEntry, 'path' | 'oldPath'>;

/**
 * Line counts by paths and blob ids. Paths are part of the key because attributes
 * (`.gitattributes` binary, diff drivers) depend on them.
 */
export function createLineCountCache(capacity = LINE_COUNT_CACHE_ENTRIES) {
  const entries = new Map<string, Counts>();
  const key = (change: RawChange) =>
    `${change.oldPath ?? ''}\0${change.path}\0${change.oldObject ?? ''}\0${change.newObject ?? ''}`;
  return {
    get(change: RawChange): Counts | undefined {
      const id = key(change);
      const counts = entries.get(id);
      if (counts) {
        // Most recently used last, so eviction drops what has not been looked at longest.
        entries.delete(id);
        entries.set(id, counts);
      }
      return counts;
    },
    set(change: RawChange, counts: Counts): void {
      entries.set(key(change), counts);
      if (entries.size > capacity) entries.delete(entries.keys().next().value ?? '');
    },
    get size() {
      return entries.size;
    },
  };
}

export type LineCountCache = ReturnType<typeof createLineCountCache>;

const pairKey = (entry: { oldPath: string | null; path: string }) => `${entry.oldPath ?? ''}\0${entry.path}`;

async function countLines(
  git: GitQueue,
  cwd: string,
  { from, to }: { from: string; to: string },
  paths: string[],
): Promise<Map<string, NumstatEntry>> {
  const args = ['diff', ...PLAIN_DIFF, '--numstat', '-z', '-M', from, to, '--', ...paths];
  const { stdout } = await git.run(args, { cwd, env: LITERAL_PATHS });
  return new Map(parseNumstat(stdout).map((entry) => [pairKey(entry), entry]));
}

/** Every changed file between two commits, renames detected; line counts not yet known. */
export async function listChanges(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
): Promise<RawChange[]> {
  try {
    const args = ['diff', ...PLAIN_DIFF, '--raw', '-z', '-M', '--no-abbrev', from, to];
    return parseRaw((await git.run(args, { cwd })).stdout);
  } catch (error) {
    unknownCommit(error, from, to);
  }
}

/**
 * Adds line counts to `changes` (a `listChanges` answer for the same commits). Counting is the
 * expensive part (every blob read and diffed): counts come from the cache, and only the files
 * missing there are counted, by name when they are few.
 */
export async function addLineCounts(
  git: GitQueue,
  cwd: string,
  range: { from: string; to: string },
  changes: RawChange[],
  cache: LineCountCache,
): Promise<RawChange[]> {
  let missing = changes.filter((change) => cache.get(change) === undefined);
  const fill = (counted: Map<string, NumstatEntry>) => {
    for (const change of missing) {
      const entry = counted.get(pairKey(change));
      if (entry) cache.set(change, entry);
    }
    missing = missing.filter((change) => cache.get(change) === undefined);
  };
  if (missing.length > 0 && missing.length <= RECOUNT_BY_PATH_LIMIT && missing.length * 2 <= changes.length) {
    const paths = missing.flatMap((change) =>
      change.oldPath ? [change.oldPath, change.path] : [change.path],
    );
    fill(await countLines(git, cwd, range, paths));
  }
  // Everything at once: the first look at a review, a big change, or a rename paired differently by name.
  if (missing.length > 0) fill(await countLines(git, cwd, range, []));
  return changes.map((change) => {
    const counts = cache.get(change);
    return counts ? withCounts(change, counts) : change;
  });
}
