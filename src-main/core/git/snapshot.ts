import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectIgnoredFiles, type IgnoredSelection } from './ignored-files';
import { gitPath, resolveCommit } from './rev-parse';
import type { GitPriority, GitQueue } from './types';

/** Snapshot commits are Skein's own; a fixed identity means they work on machines with no git identity configured. */
export const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Skein',
  GIT_AUTHOR_EMAIL: 'skein@localhost',
  GIT_COMMITTER_NAME: 'Skein',
  GIT_COMMITTER_EMAIL: 'skein@localhost',
};

export interface WorktreeSnapshot {
  /** The worktree's HEAD commit. */
  head: string;
  /**
   * Tree of the worktree as it is on disk (tracked changes plus untracked files that are not ignored,
   * and with `keepIgnored` the selected ignored files too).
   */
  tree: string;
  /** A commit of `tree` whose parent is `head`; `head` itself when nothing changed. */
  commit: string;
  changed: boolean;
  /** With `keepIgnored`: which ignored files are in `tree` and which were left out. */
  ignored: IgnoredSelection | null;
}

interface SnapshotOptions {
  message?: string;
  signal?: AbortSignal;
  priority?: GitPriority;
  /**
   * Author and committer date of the snapshot commit (any form git accepts, e.g. `1700000000 +0000`).
   * With a fixed date and message the commit id depends only on HEAD and the tree, so an unchanged
   * worktree always yields the same snapshot id (the conflict radar caches by it).
   */
  commitDate?: string;
  /**
   * Also keep git-ignored files (within the limits of ignored-files.ts), for a snapshot taken just
   * before the worktree is removed: `.env.local` or notes exist nowhere else. Off for every other
   * snapshot, whose readers (the conflict radar, turn diffs) must see what git would commit.
   */
  keepIgnored?: { omit?: ReadonlySet<string> };
}

/**
 * Records a worktree's full state, uncommitted and untracked work included, as a commit object,
 * without touching its index, HEAD or files: everything goes through a temporary index.
 */
export async function snapshotWorktree(
  git: GitQueue,
  worktree: string,
  options: SnapshotOptions = {},
): Promise<WorktreeSnapshot> {
  const call = { signal: options.signal, priority: options.priority };
  const head = await resolveCommit(git, worktree, 'HEAD', call);
  if (!head) throw new Error(`Cannot snapshot ${worktree}: its HEAD has no commit.`);
  const scratch = await mkdtemp(join(tmpdir(), 'skein-snapshot-'));
  const dates: Record<string, string> =
    options.commitDate === undefined
      ? {}
      : { GIT_AUTHOR_DATE: options.commitDate, GIT_COMMITTER_DATE: options.commitDate };
  const env = { ...SNAPSHOT_IDENTITY, ...dates, GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    await stageEverything(git, worktree, env, call);
    const ignored = options.keepIgnored
      ? await selectIgnoredFiles(git, worktree, { ...call, omit: options.keepIgnored.omit })
      : null;
    if (ignored && ignored.kept.length > 0) {
      // update-index reads no ignore rules, so the files go in as `add -f` would put them, modes included.
      // `--remove` makes a file deleted since the listing (an agent still writing) a no-op, not a failure.
      await git.run(['update-index', '--add', '--remove', '-z', '--stdin'], {
        cwd: worktree,
        env,
        input: ignored.kept.map((path) => `${path}\0`).join(''),
        ...call,
      });
    }
    const tree = (await git.run(['write-tree'], { cwd: worktree, env, ...call })).stdout.trim();
    const headTree = (await git.run(['rev-parse', 'HEAD^{tree}'], { cwd: worktree, ...call })).stdout.trim();
    if (tree === headTree) return { head, tree, commit: head, changed: false, ignored };
    const message = options.message ?? 'Skein snapshot of uncommitted work';
    const commit = (
      await git.run(['commit-tree', tree, '-p', head, '-m', message], { cwd: worktree, env, ...call })
    ).stdout.trim();
    return { head, tree, commit, changed: true, ignored };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Fills the temporary index with the worktree's full state. It starts as a copy of the real index,
 * whose stat cache lets `add` skip re-hashing unchanged files (seconds on a 20,000-file tree). If
 * that copy is unusable (no index yet, or a split index whose shared part stays behind), it starts
 * from `read-tree HEAD`; the result is the same, since `add --all` makes the index match the disk.
 *
 * The copy keeps the real index's modification time. Git re-reads an entry whose times are as new
 * as the index file ("racily clean"): a fresh mtime on the copy would make it trust a same-size
 * edit made in the second the index was written, and the snapshot would silently miss it.
 */
async function stageEverything(
  git: GitQueue,
  worktree: string,
  env: Record<string, string>,
  call: { signal?: AbortSignal; priority?: GitPriority },
): Promise<void> {
  const scratchIndex = env.GIT_INDEX_FILE ?? '';
  const realIndex = await gitPath(git, worktree, 'index', call);
  if (existsSync(realIndex)) {
    try {
      await copyIndexKeepingTime(realIndex, scratchIndex);
      await git.run(['add', '--all', '--', '.'], { cwd: worktree, env, ...call });
      return;
    } catch (error) {
      if (call.signal?.aborted) throw error;
      await rm(scratchIndex, { force: true });
    }
  }
  await git.run(['read-tree', 'HEAD'], { cwd: worktree, env, ...call });
  await git.run(['add', '--all', '--', '.'], { cwd: worktree, env, ...call });
}

async function copyIndexKeepingTime(from: string, to: string): Promise<void> {
  const { atimeMs, mtimeMs } = await stat(from);
  await copyFile(from, to);
  // Rounded down: an earlier time only makes git re-read more entries, never fewer.
  await utimes(to, Math.floor(atimeMs) / 1_000, Math.floor(mtimeMs) / 1_000);
}

/**
 * Puts a snapshot's files back into a worktree whose HEAD is the snapshot's parent, as uncommitted
 * changes: files and index move to the snapshot, then the index alone is reset to HEAD. Kept ignored
 * files come back on disk and, once the index is reset, are ignored again as before.
 */
export async function restoreSnapshot(
  git: GitQueue,
  worktree: string,
  snapshotCommit: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  await git.run(['read-tree', '-m', '-u', 'HEAD', snapshotCommit], { cwd: worktree, signal: options.signal });
  await git.run(['reset', '--quiet'], { cwd: worktree, signal: options.signal });
}
