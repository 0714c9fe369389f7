/**
 * Tuning numbers of the conflict radar. Change them with the radar benchmark at hand (20 threads
 * on a 20,000-file repository: 190 pairs + 20 against the base).
 */

/**
 * Merge results remembered per (commit, commit). An entry is a few paths; 20,000 covers a hundred
 * live threads' full matrices several times over, in a few MB.
 */
export const MERGE_CACHE_ENTRIES = 20_000;

/** Touched-path lists remembered per (base commit, snapshot); bigger entries, fewer needed (one per thread). */
export const TOUCHED_CACHE_ENTRIES = 2_000;

/**
 * Quiet time before `conflicts/updated` goes out after cells change: results of one burst of
 * merge-tree calls (tens of ms apart) land in one notification, well inside the 1 s budget from a
 * file save to the badge (the watcher's own debounce is 300 ms).
 */
export const PUBLISH_COALESCE_MS = 60;

/** Longest the agent tool and `conflicts/pair`/`simulate` wait for the radar to settle before answering with what it has. */
export const SETTLE_WAIT_MS = 20_000;

/**
 * The fixed date of radar snapshot commits: with it the snapshot id is a function of HEAD and the
 * worktree's tree alone, so an unchanged worktree costs no recomputation (2023-11-14, any fixed value works).
 */
export const RADAR_SNAPSHOT_DATE = '1700000000 +0000';

export const RADAR_SNAPSHOT_MESSAGE = 'Skein conflict radar snapshot';

/** Largest merged file whose conflict markers are parsed into hunks for `conflicts/pair` (5 MiB). */
export const HUNK_FILE_LIMIT_CHARS = 5 * 1024 * 1024;

/**
 * Git processes one burst of merges is spread over (each runs `merge-tree --stdin` on its share).
 * The queue gives background work all slots but one (3 of the default 4), so 3 keeps them busy
 * without queueing behind each other; one process per pair would pay process start and object
 * store loading 210 times for a 20-thread matrix.
 */
export const MERGE_BATCH_PROCESSES = 3;

/** Fewest merges worth a process of their own: below it, one process does them in turn (a merge takes milliseconds, a process start more). */
export const MERGE_BATCH_MIN = 4;
