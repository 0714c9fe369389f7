import type { Project, Thread } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { workerTip } from './gate-merge';
import type { WorkerDiff } from './tool-text';

/** Files the stat lists before git's own summary line; enough for a model to see the shape. */
const STAT_FILES = 50;
/** Bytes of unified diff read from git before the tool text cuts it further. */
const DIFF_READ_BYTES = 256 * 1024;

/**
 * A worker's work against the commit its branch started from: its branch plus uncommitted and
 * untracked work (a snapshot commit; the worktree is not touched).
 */
export async function workerDiff(git: GitQueue, project: Project, thread: Thread): Promise<WorkerDiff> {
  const tip = await workerTip(git, project.path, thread);
  if (!tip) return { stat: '', diff: '' };
  const stat = await git.run(
    ['diff', '--stat', `--stat-count=${STAT_FILES}`, '--no-color', thread.baseCommit, tip, '--'],
    { cwd: project.path },
  );
  const diff = await git.run(['diff', '--no-color', '--no-ext-diff', thread.baseCommit, tip, '--'], {
    cwd: project.path,
  });
  return { stat: stat.stdout, diff: diff.stdout.slice(0, DIFF_READ_BYTES) };
}
