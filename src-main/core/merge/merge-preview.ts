import type { MergePreview } from '../../../src-shared/contract';
import { countCommitsNotIn, isAncestor, mergeTree } from '../git';
import { inspectCheckout } from './base-checkout';
import type { MergeContext } from './merge-context';
import { checkoutOf, readMergeState } from './merge-state';

/** What merging the thread would do, computed without writing anything but merge-tree's objects. */
export async function previewMerge(context: MergeContext, threadId: string): Promise<MergePreview> {
  const { git } = context;
  const state = await readMergeState(context, threadId);
  const cwd = state.project.path;
  const { baseCommit, head } = state;
  const [commits, fastForward, branchInBase, merged] = await Promise.all([
    countCommitsNotIn(git, cwd, head, baseCommit),
    isAncestor(git, cwd, baseCommit, head),
    isAncestor(git, cwd, head, baseCommit),
    mergeTree(git, cwd, baseCommit, head),
  ]);
  const alreadyMerged = branchInBase || (merged.conflicts.length === 0 && merged.tree === state.baseTree);
  const checkout = checkoutOf(state.worktrees, state.baseRef);
  let checkoutState: MergePreview['checkout'] = null;
  if (checkout) {
    // The merged tree is what the checkout would move to (a rebase ends on the same content when it applies cleanly).
    const inspection = await inspectCheckout(context, checkout.path, baseCommit, merged.tree);
    checkoutState = { path: checkout.path, clean: inspection.clean };
  }
  return {
    threadId,
    base: state.thread.base,
    baseCommit,
    head,
    commits,
    fastForward,
    conflicts: merged.conflicts,
    uncommitted: state.worktree?.dirty ?? false,
    alreadyMerged,
    checkout: checkoutState,
  };
}
