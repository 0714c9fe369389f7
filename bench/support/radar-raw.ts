/**
 * The conflict-radar benchmark's baseline: the same `git merge-tree` calls the radar makes, on the
 * same snapshot commits, run one after another straight from the bench (no queue, no host), and
 * the git commands of a worktree snapshot, timed apart.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface MergeCall {
  /** Key of the cell: thread ids, `b` null for the base. */
  a: string;
  b: string | null;
  fromA: string;
  fromB: string;
}

export interface RawMerge extends MergeCall {
  ms: number;
  conflict: boolean;
  /** Conflicted paths as merge-tree names them. */
  paths: string[];
}

const MERGE_TREE_ARGS = ['merge-tree', '--write-tree', '--name-only', '-z', '--no-messages'];

/** One `git merge-tree` as the issue names it; exit 1 is an answer (conflicts), anything else a failure. */
export function rawMergeTree(repoPath: string, call: MergeCall): RawMerge {
  const started = performance.now();
  const result = spawnSync('git', [...MERGE_TREE_ARGS, call.fromA, call.fromB], {
    cwd: repoPath,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`git merge-tree ${call.fromA} ${call.fromB} failed (${result.status}): ${result.stderr}`);
  }
  // Output: the merged tree's id, then each conflicted path, every field ended by NUL.
  const [, ...paths] = result.stdout.split('\0').filter((field) => field.length > 0);
  return { ...call, ms, conflict: result.status === 1, paths: [...new Set(paths)] };
}

export function rawMergeTrees(repoPath: string, calls: MergeCall[]): { totalMs: number; merges: RawMerge[] } {
  const merges = calls.map((call) => rawMergeTree(repoPath, call));
  return { totalMs: merges.reduce((sum, merge) => sum + merge.ms, 0), merges };
}

/** The same merges in one `git merge-tree --stdin` (git 2.38+): the floor, one process for all. */
export function rawMergeTreeBatch(repoPath: string, calls: MergeCall[]): number {
  const started = performance.now();
  const result = spawnSync(
    'git',
    ['merge-tree', '--stdin', '--write-tree', '--name-only', '-z', '--no-messages'],
    {
      cwd: repoPath,
      input: calls.map((call) => `${call.fromA} ${call.fromB}\n`).join(''),
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`git merge-tree --stdin failed (${result.status}): ${result.stderr}`);
  return ms;
}

/** The snapshot commits' fixed identity and date, as the radar's (the date only keeps ids stable between runs). */
const SNAPSHOT_ENV = {
  GIT_AUTHOR_NAME: 'Skein',
  GIT_AUTHOR_EMAIL: 'skein@localhost',
  GIT_COMMITTER_NAME: 'Skein',
  GIT_COMMITTER_EMAIL: 'skein@localhost',
  GIT_AUTHOR_DATE: '1700000000 +0000',
  GIT_COMMITTER_DATE: '1700000000 +0000',
};

/**
 * A worktree snapshot by the same git commands as the host's `snapshotWorktree` (a copy of the
 * index keeping its time, `add --all`, `write-tree`, `commit-tree`), one after another. Timed as
 * the baseline's snapshot step: merge-tree alone needs none, the radar cannot do without.
 */
export function rawSnapshot(worktree: string): { ms: number; commit: string } {
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'skein-bench-snapshot-'));
  try {
    const env = { ...process.env, ...SNAPSHOT_ENV, GIT_INDEX_FILE: join(scratch, 'index') };
    const run = (args: string[], withIndex = false): string =>
      execFileSync('git', args, {
        cwd: worktree,
        encoding: 'utf8',
        env: withIndex ? env : process.env,
      }).trim();
    const head = run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const realIndex = resolve(worktree, run(['rev-parse', '--git-path', 'index']));
    const { atimeMs, mtimeMs } = statSync(realIndex);
    copyFileSync(realIndex, env.GIT_INDEX_FILE);
    utimesSync(env.GIT_INDEX_FILE, Math.floor(atimeMs) / 1_000, Math.floor(mtimeMs) / 1_000);
    run(['add', '--all', '--', '.'], true);
    const tree = run(['write-tree'], true);
    run(['rev-parse', 'HEAD^{tree}']);
    const commit = run(['commit-tree', tree, '-p', head, '-m', 'Bench snapshot'], true);
    return { ms: performance.now() - started, commit };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
