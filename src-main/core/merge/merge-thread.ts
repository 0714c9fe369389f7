import { SkeinError, type MergeResult, type MergeStrategy } from '../../../src-shared/contract';
import { countCommitsNotIn, isAncestor, mergeTree, resolveCommit } from '../git';
import { dirtyCheckoutError, inspectCheckout, verifyCheckoutCanMove } from './base-checkout';
import { writeMergeCommit } from './merge-commits';
import type { MergeContext } from './merge-context';
import { checkoutOf, describePaths, readMergeState, shortId, type MergeState } from './merge-state';
import { moveRefsAndCheckouts, type PlannedMove } from './move-refs';
import { replayOntoBase } from './rebase-commits';

export interface MergeInput {
  threadId: string;
  strategy: MergeStrategy;
  message?: string;
  expectedBaseCommit?: string;
}

/**
 * Merges a thread's committed work into its base branch. Everything is computed as objects first
 * (merge-tree, commit-tree); then the refs move in one compare-and-swap transaction and the
 * checkouts that show them follow. Every refusal happens before anything moves.
 */
export async function mergeThread(context: MergeContext, input: MergeInput): Promise<MergeResult> {
  const { projectId } = context.threads.get(input.threadId);
  return context.exclusive(projectId, async () => {
    const state = await readMergeState(context, input.threadId);
    const baseRef = refuseUnmergeable(state, input);
    const commitsAhead = await countCommitsNotIn(
      context.git,
      state.project.path,
      state.head,
      state.baseCommit,
    );
    const merged = await mergeTree(context.git, state.project.path, state.baseCommit, state.head);
    if (merged.conflicts.length > 0) {
      throw new SkeinError(
        'MERGE_CONFLICT',
        `Merging ${state.thread.branch} into ${state.thread.base} conflicts in ${describePaths(merged.conflicts)}. Nothing was changed; resolve the conflicts in the thread (for example by merging ${state.thread.base} into it), then merge again.`,
        { conflicts: merged.conflicts },
      );
    }
    if (commitsAhead === 0 || merged.tree === state.baseTree) throw nothingToMerge(state);

    const moves = await planMoves(context, state, input, merged.tree, commitsAhead, baseRef);
    const newBase = moves[0]?.to ?? state.baseCommit;
    if (newBase === state.baseCommit) throw nothingToMerge(state);
    const checkedOut = await prepareCheckouts(context, state, moves);
    await moveRefsAndCheckouts(
      context,
      state,
      moves,
      `skein: ${input.strategy} ${state.thread.branch} into ${state.thread.base}`,
    );
    context.announceBaseMoved(state.project.id);
    return {
      threadId: state.thread.id,
      strategy: input.strategy,
      base: state.thread.base,
      baseBefore: state.baseCommit,
      baseAfter: newBase,
      checkoutUpdated: checkedOut,
    };
  });
}

/** Refusals that need no computing; returns the base's branch ref. */
function refuseUnmergeable(state: MergeState, input: MergeInput): string {
  const { thread } = state;
  if (!state.baseRef) {
    throw new SkeinError(
      'INVALID_STATE',
      `The thread's base "${thread.base}" is not a local branch, so Skein cannot merge into it. Publish the branch and open a pull request instead.`,
      { base: thread.base },
    );
  }
  if (input.expectedBaseCommit && input.expectedBaseCommit !== state.baseCommit) {
    throw new SkeinError(
      'INVALID_STATE',
      `${thread.base} moved to ${shortId(state.baseCommit)} since the review (it was at ${shortId(input.expectedBaseCommit)}); review the thread again, then merge. Nothing was changed.`,
      { baseCommit: state.baseCommit, expectedBaseCommit: input.expectedBaseCommit },
    );
  }
  if (state.operation === 'rebase') {
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" is in the middle of a rebase onto ${thread.base}. Finish it (resolve the conflicts and continue) or abort it, then merge. Nothing was changed.`,
      { threadId: thread.id, operation: state.operation },
    );
  }
  if (state.worktree?.dirty) {
    const files = [...state.worktree.changed, ...state.worktree.untracked, ...state.worktree.conflicted];
    throw new SkeinError(
      'WORKTREE_DIRTY',
      `"${thread.title}" has uncommitted changes (${describePaths(files)}), which a merge would leave out. Commit them in the review first, then merge. Nothing was changed.`,
      { path: thread.worktreePath, files },
    );
  }
  return state.baseRef;
}

function nothingToMerge(state: MergeState): SkeinError {
  return new SkeinError(
    'INVALID_STATE',
    `Everything ${state.thread.branch} holds is already in ${state.thread.base}; there is nothing to merge. The thread can be archived or deleted.`,
    { branch: state.thread.branch, base: state.thread.base },
  );
}

/** The ref moves a strategy needs, base first; new commits are written here (objects only). */
async function planMoves(
  context: MergeContext,
  state: MergeState,
  input: MergeInput,
  mergedTree: string,
  commitsAhead: number,
  baseRef: string,
): Promise<PlannedMove[]> {
  const base = (to: string): PlannedMove => ({
    ref: baseRef,
    from: state.baseCommit,
    to,
    checkout: checkoutOf(state.worktrees, baseRef)?.path ?? null,
  });
  if (input.strategy !== 'rebase') {
    return [
      base(await writeMergeCommit(context, state, input.strategy, mergedTree, input.message, commitsAhead)),
    ];
  }
  if (await isAncestor(context.git, state.project.path, state.baseCommit, state.head)) {
    // The branch already sits on the base: a rebase is a plain fast-forward, and the branch stays.
    return [base(state.head)];
  }
  const tip = await replayOntoBase(context, state);
  const branchRef = `refs/heads/${state.thread.branch}`;
  return [
    base(tip),
    {
      ref: branchRef,
      from: state.head,
      to: tip,
      checkout: checkoutOf(state.worktrees, branchRef)?.path ?? null,
    },
  ];
}

/**
 * Makes sure every checkout that shows a moving ref can follow it without losing anything; refuses
 * (having changed nothing) otherwise. Returns the base's checkout, if there is one.
 */
async function prepareCheckouts(
  context: MergeContext,
  state: MergeState,
  moves: PlannedMove[],
): Promise<string | null> {
  for (const move of moves) {
    if (!move.checkout) continue;
    const branch = move.ref.slice('refs/heads/'.length);
    const inspection = await inspectCheckout(context, move.checkout, move.from, move.to);
    if (!inspection.clean) throw dirtyCheckoutError(branch, inspection);
  }
  for (const move of moves) {
    if (!move.checkout) continue;
    await verifyCheckoutCanMove(
      context,
      move.ref.slice('refs/heads/'.length),
      move.checkout,
      move.from,
      move.to,
    );
  }
  // A ref that moved while we checked is caught by the compare-and-swap; this is only for a clear message.
  const now = await resolveCommit(context.git, state.project.path, moves[0]?.ref ?? '');
  if (now !== null && now !== state.baseCommit) throw baseMovedError(state, now);
  return moves[0]?.checkout ?? null;
}

export function baseMovedError(state: MergeState, now: string | null): SkeinError {
  return new SkeinError(
    'INVALID_STATE',
    `${state.thread.base} moved while merging (it is now at ${now ? shortId(now) : 'nothing'}); nothing was changed. Review the thread again, then merge.`,
    { baseCommit: now, expectedBaseCommit: state.baseCommit },
  );
}
