import { SkeinError } from '../../../src-shared/contract';
import { isGitFailure, gitStderr } from '../git';
import { filePatch, pathsDiffer, rawDiff } from './diff-git';
import { freshView, trashUncommittedWork } from './fresh-view';
import { buildHunkPatch, findHunk } from './hunks';
import { HUNK_CONTEXT_LINES } from './limits';
import type { ReviewServiceDeps } from './types';

function staleHunk(details: Record<string, unknown>): SkeinError {
  return new SkeinError('INVALID_STATE', 'The file changed since you looked; refresh the review.', details);
}

/** True when `path` is the same at the commit the client reviewed and in the worktree now. */
async function unchangedSince(
  deps: ReviewServiceDeps,
  worktree: string,
  reviewed: string,
  now: string,
  path: string,
) {
  try {
    return !(await pathsDiffer(deps.git, worktree, reviewed, now, [path]));
  } catch (error) {
    // The reviewed commit is unknown here: whatever the client saw, it is not what is on disk.
    if (isGitFailure(error)) return false;
    throw error;
  }
}

/**
 * Undoes one hunk of a file's diff against the base, in the worktree only (`git apply -R` of a
 * one-hunk patch; the index is not touched). Refused when the file is not as the client saw it.
 */
export async function revertHunk(
  deps: ReviewServiceDeps,
  input: { threadId: string; path: string; header: string; to: string },
): Promise<{ trashRef: string | null }> {
  const { threadId, path, header, to } = input;
  const view = await freshView(deps, threadId);
  const { worktree, from, snapshot } = view;
  const details = { threadId, path, header };
  if (!(await unchangedSince(deps, worktree, to, snapshot.commit, path))) throw staleHunk(details);
  const change = (await rawDiff(deps.git, worktree, from, snapshot.commit)).find(
    (candidate) => candidate.path === path,
  );
  if (!change || change.binary) throw staleHunk(details);
  const patchPaths = change.oldPath ? [change.oldPath, change.path] : [change.path];
  const patch = await filePatch(deps.git, worktree, from, snapshot.commit, patchPaths, HUNK_CONTEXT_LINES);
  const hunk = findHunk(patch, header);
  if (!hunk) throw staleHunk(details);

  const reverse = buildHunkPatch(change.path, hunk);
  const apply = (check: boolean) =>
    deps.git.run(['apply', '-R', '--whitespace=nowarn', ...(check ? ['--check'] : []), '-'], {
      cwd: worktree,
      input: reverse,
    });
  try {
    await apply(true);
  } catch (error) {
    if (isGitFailure(error)) throw staleHunk({ ...details, stderr: gitStderr(error) });
    throw error;
  }
  const trashRef = await trashUncommittedWork(
    deps,
    view,
    [change.path],
    `review: revert a hunk of ${change.path}`,
  );
  await apply(false);
  deps.publisher.publish('review/changed', { threadId });
  return { trashRef };
}
