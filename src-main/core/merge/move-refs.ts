import { SkeinError } from '../../../src-shared/contract';
import { gitStderr, resolveCommit, switchIndexAndFiles, updateRefsTogether } from '../git';
import { createLogger } from '../log';
import type { MergeContext } from './merge-context';
import { shortId, type MergeState } from './merge-state';

const log = createLogger('merge');

/** One ref to move by compare-and-swap, and the worktree that has it checked out, if any. */
export interface PlannedMove {
  ref: string;
  from: string;
  to: string;
  checkout: string | null;
}

/**
 * Moves every ref in one transaction (all or none, each only if still where it was read), then brings
 * each checkout's index and files along. If a checkout cannot follow (the user edited a file in the
 * instant between the checks and now), everything done is undone so the repository is as before.
 */
export async function moveRefsAndCheckouts(
  context: MergeContext,
  state: MergeState,
  moves: PlannedMove[],
  reflogMessage: string,
): Promise<void> {
  const { git } = context;
  const cwd = state.project.path;
  const moved = await updateRefsTogether(git, cwd, moves, { message: reflogMessage });
  if (!moved) {
    const changed = [];
    for (const move of moves) {
      const now = await resolveCommit(git, cwd, move.ref);
      if (now !== move.from)
        changed.push(`${move.ref.slice('refs/heads/'.length)} (now at ${now ? shortId(now) : 'nothing'})`);
    }
    throw new SkeinError(
      'INVALID_STATE',
      `Someone moved ${changed.join(' and ') || 'a branch'} while Skein was merging; nothing was changed. Review the thread again, then merge.`,
      { refs: moves.map((move) => move.ref) },
    );
  }
  const followed: PlannedMove[] = [];
  for (const move of moves) {
    if (!move.checkout) continue;
    try {
      await switchIndexAndFiles(git, move.checkout, move.from, move.to);
      followed.push(move);
    } catch (error) {
      await undo(context, cwd, moves, followed);
      throw new SkeinError(
        'WORKTREE_DIRTY',
        `The checkout at ${move.checkout} changed while Skein was merging, so it could not be updated: ${gitStderr(error).trim() || String(error)} The merge was undone; nothing was changed.`,
        { path: move.checkout },
      );
    }
  }
}

async function undo(
  context: MergeContext,
  cwd: string,
  moves: PlannedMove[],
  followed: PlannedMove[],
): Promise<void> {
  for (const move of [...followed].reverse()) {
    if (!move.checkout) continue;
    try {
      await switchIndexAndFiles(context.git, move.checkout, move.to, move.from);
    } catch (error) {
      log.error(`Could not put the checkout ${move.checkout} back to ${move.from}`, error);
    }
  }
  const reverse = moves.map((move) => ({ ref: move.ref, from: move.to, to: move.from }));
  try {
    if (!(await updateRefsTogether(context.git, cwd, reverse, { message: 'skein: undo merge' }))) {
      log.error('Could not move the refs back after a failed merge: they moved again meanwhile', reverse);
    }
  } catch (error) {
    log.error('Could not move the refs back after a failed merge', error);
  }
}
