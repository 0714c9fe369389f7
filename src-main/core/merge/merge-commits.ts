import { SkeinError, type MergeStrategy } from '../../../src-shared/contract';
import {
  commitTree,
  identityEnvironment,
  listCommitSubjects,
  readCommitIdentity,
  type CommitIdentity,
} from '../git';
import type { MergeContext } from './merge-context';
import {
  defaultMergeMessage,
  defaultSquashMessage,
  normalizeMessage,
  SQUASH_LIST_LIMIT,
} from './merge-messages';
import type { MergeState } from './merge-state';

/** The user's git identity, or a sentence telling how to set one: Skein never invents one for their branch. */
export async function requireIdentity(context: MergeContext, state: MergeState): Promise<CommitIdentity> {
  const identity = await readCommitIdentity(context.git, state.project.path, context.env, {
    gitEnv: context.gitEnv,
  });
  if (identity) return identity;
  throw new SkeinError(
    'INVALID_STATE',
    `Git has no identity to write the commit into ${state.thread.base} with. Set one (git config --global user.name "Your Name" and git config --global user.email you@example.com), then merge again. Nothing was changed.`,
    { repository: state.project.path },
  );
}

/**
 * The new base commit for a merge commit (two parents, always: a merge never fast-forwards, so the
 * base's history shows where the thread came in) or a squash (one parent, the branch's changes).
 */
export async function writeMergeCommit(
  context: MergeContext,
  state: MergeState,
  strategy: Exclude<MergeStrategy, 'rebase'>,
  tree: string,
  message: string | undefined,
  commitsAhead: number,
): Promise<string> {
  const identity = await requireIdentity(context, state);
  const { thread, project, baseCommit, head } = state;
  let text: string;
  if (message) text = normalizeMessage(message);
  else if (strategy === 'merge') {
    text = defaultMergeMessage({ title: thread.title, branch: thread.branch, base: thread.base });
  } else {
    const subjects = await listCommitSubjects(context.git, project.path, baseCommit, head, {
      limit: SQUASH_LIST_LIMIT,
    });
    text = defaultSquashMessage({ title: thread.title, subjects, total: commitsAhead });
  }
  return commitTree(context.git, project.path, {
    tree,
    parents: strategy === 'merge' ? [baseCommit, head] : [baseCommit],
    message: text,
    env: { ...context.gitEnv, ...identityEnvironment(identity) },
  });
}
