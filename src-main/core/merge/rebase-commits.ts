import { SkeinError } from '../../../src-shared/contract';
import {
  commitTree,
  identityEnvironment,
  listCommitsToReplay,
  mergeTree,
  readCommit,
  resolveTree,
  SNAPSHOT_IDENTITY,
} from '../git';
import { requireIdentity } from './merge-commits';
import type { MergeContext } from './merge-context';
import { describePaths, shortId, type MergeState } from './merge-state';

/**
 * Replays the branch's commits onto the base, each as a cherry-pick computed with `merge-tree`:
 * the three-way merge of the current tip and the commit, with the commit's parent as the merge
 * base. Each new commit keeps its author, date and message; the committer is the user. Commits
 * whose change the base already has are dropped, as `git rebase` does. Only objects are written.
 * Resolves with the new tip (the base itself when nothing was left to replay).
 */
export async function replayOntoBase(context: MergeContext, state: MergeState): Promise<string> {
  const { git } = context;
  const cwd = state.project.path;
  const identity = await requireIdentity(context, state);
  const committer = identityEnvironment(identity);
  let tip = state.baseCommit;
  let tipTree = state.baseTree;
  for (const commit of await listCommitsToReplay(git, cwd, state.baseCommit, state.head)) {
    const info = await readCommit(git, cwd, commit);
    const parent = info.parents[0];
    if (parent === undefined) {
      throw new SkeinError(
        'INVALID_STATE',
        `Commit ${shortId(commit)} of ${state.thread.branch} has no parent, so it cannot be rebased onto ${state.thread.base}. Use a merge commit instead.`,
        { commit },
      );
    }
    if (parent === tip) {
      // Already sits on the tip: keep the commit as it is, as `git rebase` does.
      tip = commit;
      tipTree = info.tree;
      continue;
    }
    const merged = await mergeTree(git, cwd, await onParent(context, cwd, tipTree, parent), commit);
    if (merged.conflicts.length > 0) {
      throw new SkeinError(
        'MERGE_CONFLICT',
        `Rebasing ${state.thread.branch} onto ${state.thread.base} conflicts at commit ${shortId(commit)} ("${firstLine(info.message)}") in ${describePaths(merged.conflicts)}. Nothing was changed; merge with a merge commit, or resolve it in the thread first.`,
        { conflicts: merged.conflicts, commit },
      );
    }
    const parentTree = await resolveTree(git, cwd, parent);
    if (merged.tree === tipTree && info.tree !== parentTree) continue;
    tip = await commitTree(git, cwd, {
      tree: merged.tree,
      parents: [tip],
      message: info.message,
      env: {
        ...context.gitEnv,
        ...committer,
        GIT_AUTHOR_NAME: info.author.name,
        GIT_AUTHOR_EMAIL: info.author.email,
        GIT_AUTHOR_DATE: `@${info.author.date}`,
      },
    });
    tipTree = merged.tree;
  }
  return tip;
}

/**
 * A throwaway commit of `tree` whose only parent is `parent`. Merging it with a commit whose parent
 * is also `parent` makes `parent` the merge base: a cherry-pick, on git versions whose `merge-tree`
 * has no `--merge-base` (before 2.40). Nothing refers to it; gc removes it.
 */
async function onParent(context: MergeContext, cwd: string, tree: string, parent: string): Promise<string> {
  return commitTree(context.git, cwd, {
    tree,
    parents: [parent],
    message: 'Skein: rebase step\n',
    env: { ...context.gitEnv, ...SNAPSHOT_IDENTITY },
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? '';
}
