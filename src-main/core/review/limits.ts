/**
 * Tuning numbers of the review. Each says where it comes from; change them with a benchmark run
 * (bench/review-diff.bench.ts) at hand.
 */

/**
 * Largest side of a file sent inline in `review/fileDiff` (1 MiB). Monaco stays responsive on a
 * diff of two 1 MiB models; past that the UI shows a notice and loads on request (`full`).
 */
export const INLINE_CONTENT_LIMIT_BYTES = 1024 * 1024;

/**
 * Characters of diff handed to the model for a commit message (about 10,000 tokens). The stat
 * block comes first, so a cut diff still names every file.
 */
export const PROPOSAL_DIFF_LIMIT_CHARS = 40_000;

/** Files named in a summary commit message before "and N more". */
export const SUMMARY_FILES_SHOWN = 3;

/**
 * Quiet time before `review/changed` is sent after file events (~300 ms: an editor's save, or
 * an agent's burst of writes, lands as one notification).
 */
export const WATCH_DEBOUNCE_MS = 300;

/** Longest a steady stream of events (a build writing files) can hold `review/changed` back. */
export const WATCH_MAX_WAIT_MS = 2_000;

/** Git's hunk context; the review and hunk reverts must use the same one to agree on headers. */
export const HUNK_CONTEXT_LINES = 3;

/**
 * Paths of one burst checked against .gitignore in a single `check-ignore`; a bigger burst is
 * reported without the check (it is real work far more often than build output).
 */
export const WATCH_CHECKED_PATHS = 2_000;

/**
 * Line counts remembered per (paths, blob pair): a refresh of a 2,000-file review recounts only
 * the files that changed since. 100,000 entries is about 20 MB at most.
 */
export const LINE_COUNT_CACHE_ENTRIES = 100_000;

/**
 * Most files recounted by naming them to git; past this (or past half of the review) one diff of
 * everything is cheaper than a long list of paths.
 */
export const RECOUNT_BY_PATH_LIMIT = 1_000;

/**
 * Object sizes remembered by id. Reading them is not free (3,900 loose objects: ~280 ms on a busy
 * 2-core machine), and a refresh asks for nearly the same ones again. About 10 MB at most.
 */
export const SIZE_CACHE_ENTRIES = 200_000;
