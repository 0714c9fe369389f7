/**
 * How fast a big review opens: a thread changing 2,000 files and 100,000 lines (half committed on
 * its branch, the rest uncommitted, some untracked) in a 4,000-file repository.
 *  (a) `review/files` through the host until it answers, on first open (a host that never counted
 *      this review) and on a refresh after one file changed, against `git diff --stat <merge-base>`
 *      in the worktree (git's own summary of the same change, untracked files aside);
 *  (b) one `review/fileDiff`, against `git diff <merge-base> -- <file>`.
 * Baseline and host runs alternate so both see the same machine load.
 * Run alone: `npx tsx bench/review-diff.bench.ts` (prints JSON, writes bench/results/review-diff.json).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createLargeRepo, git, TempDirs } from '../test/support/git-repo';
import { startThreadsHost } from '../test/support/threads-host';
import { median, round } from './support/bench-stats';
import { runWhenMain } from './support/write-result';
import type { BenchResult } from './types';

const REPO_FILES = 4_000;
/** The figure: 2,000 changed files and 100,000 changed lines (50 lines each). */
const CHANGED_FILES = 2_000;
const LINES_PER_FILE = 50;
const COMMITTED_FILES = 1_000;
const UNTRACKED_FILES = 100;
const RUNS = 7;
/** The goals: the file list within a second, one file's diff within 100 ms. */
const FILES_GOAL_MS = 1_000;
const FILE_DIFF_GOAL_MS = 100;

function addedLines(file: number): string {
  return Array.from(
    { length: LINES_PER_FILE },
    (_, line) => `export const added${file}_${line} = ${line};\n`,
  ).join('');
}

/** Path of the i-th file of `createLargeRepo`. */
function repoFile(index: number): string {
  return join('src', `module-${Math.floor(index / 100)}`, `file-${index}.ts`);
}

function timeSync(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  const repo = createLargeRepo(dirs, REPO_FILES);
  const dataDir = dirs.make('skein-bench-review-');
  let t = await startThreadsHost(dataDir);
  try {
    const added = await t.client.api.project.add({ path: repo.path });
    await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
    const started = await t.client.api.thread.start({ projectId: added.id, title: 'Big change' });
    const thread = await t.waitForStatus(started.id, 'ready', 300_000);
    const worktree = thread.worktreePath;

    // Committed half, then uncommitted edits, then untracked files: 2,000 files, 100,000 lines.
    for (let i = 0; i < COMMITTED_FILES; i += 1) appendFileSync(join(worktree, repoFile(i)), addedLines(i));
    git(worktree, ['add', '--all']);
    git(worktree, ['commit', '--quiet', '-m', 'Committed half']);
    for (let i = COMMITTED_FILES; i < CHANGED_FILES - UNTRACKED_FILES; i += 1) {
      appendFileSync(join(worktree, repoFile(i)), addedLines(i));
    }
    for (let i = 0; i < UNTRACKED_FILES; i += 1) writeFileSync(join(worktree, `new-${i}.ts`), addedLines(i));
    const mergeBase = git(worktree, ['merge-base', 'HEAD', 'main']).trim();
    const sampleFile = repoFile(COMMITTED_FILES + 7);
    const editedFile = repoFile(COMMITTED_FILES + 8);

    const gitStat = () =>
      execFileSync('git', ['diff', '--stat', mergeBase], { cwd: worktree, maxBuffer: 64 * 2 ** 20 });
    const gitFile = () => execFileSync('git', ['diff', mergeBase, '--', sampleFile], { cwd: worktree });
    let summary: Awaited<ReturnType<typeof t.client.api.review.files>> | undefined;
    const review = async () => {
      summary = await t.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });
    };
    /** Times the host and the baseline back to back, the order flipped every round. */
    const pair = async (round: number): Promise<[number, number]> => {
      if (round % 2 === 0) {
        const stat = timeSync(gitStat);
        return [await timeAsync(review), stat];
      }
      const host = await timeAsync(review);
      return [host, timeSync(gitStat)];
    };

    const firstOpenMs: number[] = [];
    const refreshMs: number[] = [];
    const statMs: number[] = [];
    const fileDiffMs: number[] = [];
    const gitFileMs: number[] = [];
    // Round -1 is unmeasured: it warms the page cache and the index's stat data for both sides.
    for (let round_ = -1; round_ < RUNS; round_ += 1) {
      // First open: a host that has never counted this review (restarted on the same data).
      await t.close();
      t = await startThreadsHost(dataDir);
      await t.host.services.threads.idle();
      const [open, stat] = await pair(round_);
      // A refresh after an edit, as a watcher's `review/changed` triggers it.
      appendFileSync(join(worktree, editedFile), `// edit ${round_}\n`);
      const [refresh] = await pair(round_ + 1);
      if (!summary) throw new Error('review/files gave no answer');
      const { from, to } = summary;
      const diffTime = await timeAsync(() =>
        t.client.api.review.fileDiff({ threadId: thread.id, from, to, path: sampleFile }),
      );
      const gitFileTime = timeSync(gitFile);
      if (round_ < 0) continue;
      firstOpenMs.push(open);
      refreshMs.push(refresh);
      statMs.push(stat);
      fileDiffMs.push(diffTime);
      gitFileMs.push(gitFileTime);
    }
    const listed = summary?.totals;
    const expectedLines = CHANGED_FILES * LINES_PER_FILE + RUNS + 1;
    if (listed?.files !== CHANGED_FILES || listed.additions !== expectedLines) {
      throw new Error(`The review listed ${listed?.files} files and ${listed?.additions} additions`);
    }

    const firstOpen = median(firstOpenMs);
    const refresh = median(refreshMs);
    const stat = median(statMs);
    const fileDiff = median(fileDiffMs);
    const gitFileDiff = median(gitFileMs);
    return {
      name: 'review-diff',
      rows: [
        {
          metric: `review/files, first open: ${CHANGED_FILES} files / ${CHANGED_FILES * LINES_PER_FILE} lines changed (median of ${RUNS})`,
          value: `${round(firstOpen)} ms`,
          goal: `< ${FILES_GOAL_MS} ms`,
          met: firstOpen < FILES_GOAL_MS,
        },
        {
          metric: 'review/files, refresh after one file changed',
          value: `${round(refresh)} ms`,
          goal: `< ${FILES_GOAL_MS} ms`,
          met: refresh < FILES_GOAL_MS,
        },
        {
          metric: '`git diff --stat <merge-base>`, same worktree',
          value: `${round(stat)} ms`,
          goal: '–',
          met: null,
        },
        {
          metric: 'review/fileDiff, one changed file',
          value: `${round(fileDiff)} ms`,
          goal: `< ${FILE_DIFF_GOAL_MS} ms`,
          met: fileDiff < FILE_DIFF_GOAL_MS,
        },
        {
          metric: '`git diff <merge-base> -- <file>`',
          value: `${round(gitFileDiff)} ms`,
          goal: '–',
          met: null,
        },
      ],
      raw: {
        repoFiles: REPO_FILES,
        changedFiles: CHANGED_FILES,
        changedLines: CHANGED_FILES * LINES_PER_FILE,
        committedFiles: COMMITTED_FILES,
        untrackedFiles: UNTRACKED_FILES,
        runs: RUNS,
        /** Other work on the machine skews every figure; the load average says how much there was. */
        loadAverage: loadavg().map((value) => round(value, 2)),
        reviewFilesFirstOpenMs: firstOpenMs.map((value) => round(value)),
        reviewFilesRefreshMs: refreshMs.map((value) => round(value)),
        gitDiffStatMs: statMs.map((value) => round(value)),
        reviewFileDiffMs: fileDiffMs.map((value) => round(value)),
        gitDiffFileMs: gitFileMs.map((value) => round(value)),
        medians: {
          firstOpen: round(firstOpen),
          refresh: round(refresh),
          stat: round(stat),
          fileDiff: round(fileDiff),
          gitFileDiff: round(gitFileDiff),
        },
      },
    };
  } finally {
    await t.close();
    dirs.cleanup();
  }
}

await runWhenMain(import.meta.url, 'review-diff', run);
