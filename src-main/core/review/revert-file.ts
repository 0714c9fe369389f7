import { readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkeinError } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { LITERAL_PATHS, rawDiff } from './diff-git';
import { freshView, trashUncommittedWork } from './fresh-view';
import type { ReviewServiceDeps } from './types';

/** Writes the base's version of a file into the worktree only; the index stays as the user left it. */
async function restoreFromBase(git: GitQueue, worktree: string, base: string, path: string): Promise<void> {
  await git.run(['restore', `--source=${base}`, '--worktree', '--', path], {
    cwd: worktree,
    env: LITERAL_PATHS,
  });
}

/** Removes a file the base did not have, and the folders that held only it. */
async function removeFromWorktree(worktree: string, path: string): Promise<void> {
  await rm(join(worktree, path), { force: true });
  let folder = dirname(path);
  while (folder !== '.' && folder !== '') {
    const absolute = join(worktree, folder);
    const entries = await readdir(absolute).catch(() => null);
    if (entries === null || entries.length > 0) return;
    await rmdir(absolute);
    folder = dirname(folder);
  }
}

/**
 * Puts a file back as it is in the merge-base: restored when the base had it, removed when it did
 * not; a renamed file goes back to its old name. Uncommitted work it overwrites goes to the trash first.
 */
export async function revertFile(
  deps: ReviewServiceDeps,
  threadId: string,
  path: string,
): Promise<{ trashRef: string | null }> {
  const view = await freshView(deps, threadId);
  const { worktree, from } = view;
  const changes = await rawDiff(deps.git, worktree, from, view.snapshot.commit);
  const change =
    changes.find((candidate) => candidate.path === path) ??
    changes.find((candidate) => candidate.change === 'renamed' && candidate.oldPath === path);
  if (!change) {
    throw new SkeinError(
      'INVALID_STATE',
      `${path} has no changes against the base, so there is nothing to revert. Refresh the review.`,
      { threadId, path },
    );
  }
  const touched =
    change.oldPath && change.change === 'renamed' ? [change.oldPath, change.path] : [change.path];
  const trashRef = await trashUncommittedWork(deps, view, touched, `review: revert ${change.path}`);
  switch (change.change) {
    case 'renamed':
      await restoreFromBase(deps.git, worktree, from, change.oldPath ?? change.path);
      await removeFromWorktree(worktree, change.path);
      break;
    case 'added':
    case 'copied':
      // A copy's source has its own entry when it changed; only the copy goes.
      await removeFromWorktree(worktree, change.path);
      break;
    case 'modified':
    case 'deleted':
    case 'type_changed':
      await restoreFromBase(deps.git, worktree, from, change.path);
      break;
  }
  deps.publisher.publish('review/changed', { threadId });
  return { trashRef };
}
