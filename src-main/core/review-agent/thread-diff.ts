import type { DiffFile } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { countLines, type DiffLineCounts } from './validate-review';

/** What the review agent reads of the review service: the thread's files against its base. */
export interface ReviewFilesSource {
  files(threadId: string, range: { kind: 'base' }): Promise<{ from: string; to: string; files: DiffFile[] }>;
}

export interface ThreadDiff {
  /** The merge-base and a snapshot commit of the worktree (uncommitted work included). */
  from: string;
  to: string;
  files: DiffFile[];
  patch: string;
}

/** The thread's whole work against its base as one unified diff (as `review/patch` gives it). */
export async function readThreadDiff(
  git: GitQueue,
  review: ReviewFilesSource,
  threadId: string,
  worktreePath: string,
): Promise<ThreadDiff> {
  const summary = await review.files(threadId, { kind: 'base' });
  const { stdout } = await git.run(['diff', '--no-color', '--no-ext-diff', '-M', summary.from, summary.to], {
    cwd: worktreePath,
  });
  return { from: summary.from, to: summary.to, files: summary.files, patch: stdout };
}

/**
 * Line counts of the new side of the diff's files that findings name (only those: a review names a
 * few files of a diff that may have thousands). Other files of the diff count as present with no
 * lines known, which `paths` never asks about.
 */
export async function newSideLineCounts(
  git: GitQueue,
  diff: ThreadDiff,
  worktreePath: string,
  paths: readonly string[],
): Promise<DiffLineCounts> {
  const byPath = new Map(diff.files.map((file) => [file.path, file]));
  const counts = new Map<string, number | null>();
  for (const file of diff.files) counts.set(file.path, null);
  await Promise.all(
    paths.map(async (path) => {
      const file = byPath.get(path);
      if (!file || file.binary || file.change === 'deleted') return;
      const { stdout } = await git.run(['cat-file', '-p', `${diff.to}:${path}`], { cwd: worktreePath });
      counts.set(path, countLines(stdout));
    }),
  );
  return counts;
}
