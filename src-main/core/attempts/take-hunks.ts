import { SkeinError, type Thread } from '../../../src-shared/contract';
import { isGitFailure, resolveCommit, snapshotWorktree, type GitQueue } from '../git';
import { joinHunks, splitFilePatch } from './file-patch';

/** As the review shows hunks (its HUNK_CONTEXT_LINES): the same indexes mean the same hunks. */
const HUNK_CONTEXT_LINES = 3;
const PLAIN_DIFF = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-relative'];
/** Paths from a client are file names, never glob patterns. */
const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1' };

/** The commit an attempt's work is measured from: the merge-base of its HEAD and its base, as the review uses. */
async function baseOf(git: GitQueue, thread: Thread, head: string): Promise<string> {
  const tip =
    (await resolveCommit(git, thread.worktreePath, `refs/heads/${thread.base}`)) ?? thread.baseCommit;
  const { stdout, exitCode } = await git.run(['merge-base', head, tip], {
    cwd: thread.worktreePath,
    allowedExitCodes: [1],
  });
  return exitCode === 0 ? stdout.trim() : thread.baseCommit;
}

/** The patch of `path` in `from`'s whole work (its diff against its base, uncommitted work included). */
async function attemptFilePatch(git: GitQueue, from: Thread, path: string): Promise<string> {
  const snapshot = await snapshotWorktree(git, from.worktreePath, {
    message: 'Skein attempt hunks snapshot',
  });
  const base = await baseOf(git, from, snapshot.head);
  const { stdout } = await git.run(
    ['diff', ...PLAIN_DIFF, '--no-renames', `-U${HUNK_CONTEXT_LINES}`, base, snapshot.commit, '--', path],
    { cwd: from.worktreePath, env: LITERAL_PATHS },
  );
  return stdout;
}

async function applies(git: GitQueue, worktree: string, patch: string): Promise<boolean> {
  try {
    await git.run(['apply', '--check', '--whitespace=nowarn', '-'], { cwd: worktree, input: patch });
    return true;
  } catch (error) {
    if (isGitFailure(error)) return false;
    throw error;
  }
}

/**
 * Applies hunks of `from`'s change to one file onto `to`'s worktree (files only; its index and its
 * other changes stay as they are). All or nothing: when any hunk does not apply, nothing is
 * written and the hunks that do not apply on their own are reported.
 */
export async function takeHunks(
  git: GitQueue,
  from: Thread,
  to: Thread,
  path: string,
  hunks?: number[],
): Promise<{ applied: number; rejected: string[] }> {
  const split = splitFilePatch(await attemptFilePatch(git, from, path));
  if (split.header.length === 0) {
    throw new SkeinError('NOT_FOUND', `"${from.title}" did not change ${path}. Refresh the comparison.`, {
      threadId: from.id,
      path,
    });
  }
  if (split.binary || split.hunks.length === 0) {
    throw new SkeinError(
      'UNSUPPORTED',
      `${path} has no text hunks to take (a binary file or a mode change). Copy the file by hand instead.`,
      { path },
    );
  }
  const chosen = hunks ?? split.hunks.map((_, index) => index);
  const missing = chosen.filter((index) => index >= split.hunks.length);
  if (missing.length > 0) {
    throw new SkeinError(
      'INVALID_PARAMS',
      `${path} has ${split.hunks.length} hunk(s) in "${from.title}"; there is no hunk ${missing.join(', ')}. Refresh the comparison.`,
      { path, hunks: missing },
    );
  }
  if (chosen.length === 0) return { applied: 0, rejected: [] };
  const patch = joinHunks(split, chosen);
  if (!(await applies(git, to.worktreePath, patch))) {
    const rejected: string[] = [];
    for (const index of chosen) {
      if (!(await applies(git, to.worktreePath, joinHunks(split, [index]))))
        rejected.push(split.hunks[index]![0]!);
    }
    // Each applies alone but not together: they overlap in `to`, so none is taken.
    return {
      applied: 0,
      rejected: rejected.length > 0 ? rejected : chosen.map((index) => split.hunks[index]![0]!),
    };
  }
  await git.run(['apply', '--whitespace=nowarn', '-'], { cwd: to.worktreePath, input: patch });
  return { applied: new Set(chosen).size, rejected: [] };
}
