import type { Thread, Turn } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import type { StoredComment } from './comment-rows';
import { fileChange, type FileChange } from './file-hunks';
import { hunksTouch, mapSpanForward, type LineSpan } from './line-spans';

export interface TouchedDeps {
  git: GitQueue;
  /** The project's repository: it holds every worktree's commits, and outlives an archived worktree. */
  repoPath: string;
  thread: Thread;
}

/**
 * The commit an `old`-side comment's line numbers refer to: the merge-base of the thread's base
 * branch and the turn's "before" snapshot, as the review's base range uses it; the commit the
 * thread started from when the base branch is gone. The contract does not say which diff a
 * comment was written on, so an `old`-side comment made in a per-turn view (whose old side is that
 * turn's "before") is read as if it were on the base view.
 */
async function oldSideCommit(deps: TouchedDeps, before: string): Promise<string> {
  const { stdout, exitCode } = await deps.git.run(['merge-base', deps.thread.base, before], {
    cwd: deps.repoPath,
    allowedExitCodes: [1, 128],
  });
  return exitCode === 0 && stdout.trim() !== '' ? stdout.trim() : deps.thread.baseCommit;
}

/**
 * Of `comments` (sent, of the turn's thread), the ids of those whose lines the turn changed.
 *
 * Line numbers: a `new`-side comment was written on the file as the worktree had it when it was
 * sent, which is the sent turn's "before" snapshot (`linesCommit`); for a later turn its lines are
 * first carried through what the turns in between changed (linesCommit → this turn's "before"),
 * then compared with the old ranges of this turn's hunks. An `old`-side comment's lines are in the
 * base version; they are carried the same way through the thread's own diff (base → before), where
 * lines the thread removed become the place they were removed from. Out of scope: lines the user
 * moved by editing between writing a comment and sending it; the comment keeps its numbers.
 */
export async function commentsTouchedByTurn(
  deps: TouchedDeps,
  turn: Turn,
  comments: readonly StoredComment[],
): Promise<string[]> {
  const { snapshotBefore: before, snapshotAfter: after } = turn;
  if (before === null || after === null || comments.length === 0) return [];
  const changes = new Map<string, Promise<FileChange>>();
  /** One `git diff` per path and pair of commits, however many comments ask for it. */
  const changeOf = (path: string, from: string, to: string) => {
    const key = `${from} ${to} ${path}`;
    let change = changes.get(key);
    if (!change) {
      change = fileChange(deps.git, deps.repoPath, from, to, path);
      changes.set(key, change);
    }
    return change;
  };
  let oldCommit: Promise<string> | undefined;

  const touched: string[] = [];
  for (const comment of comments) {
    const inTurn = await changeOf(comment.path, before, after);
    if (inTurn.whole) {
      touched.push(comment.id);
      continue;
    }
    if (inTurn.hunks.length === 0) continue;
    const lines: LineSpan = { first: comment.startLine, last: comment.endLine };
    let from: string | null;
    if (comment.side === 'old') from = await (oldCommit ??= oldSideCommit(deps, before));
    else from = comment.linesCommit;
    let targets = [lines];
    if (from !== null && from !== before) {
      targets = mapSpanForward((await changeOf(comment.path, from, before)).hunks, lines);
    }
    if (hunksTouch(inTurn.hunks, targets)) touched.push(comment.id);
  }
  return touched;
}
