import { SkeinError, type RebaseState } from '../../../src-shared/contract';
import {
  currentBranch,
  describeOperation,
  isAncestor,
  isGitFailure,
  gitStderr,
  listUnmerged,
  operationInProgress,
  resolveCommit,
  resolveTree,
  snapshotWorktree,
  worktreeGitDir,
} from '../git';
import { keepInTrash } from '../threads';
import { describePaths } from './describe-paths';
import { gitComplaint, requireCommitter, runRebase } from './rebase-git';
import { readRebaseState, REBASE_TRASH_REASON } from './rebase-state';
import { restoreStaging } from './restore-staging';
import { refuseWhileAgentWorks, requireRebaseTarget, type RebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';
import { untrackedInTheWay } from './untracked-in-the-way';

/** Reason of the entry keeping a clean branch's head before a rebase (not REBASE_TRASH_REASON: no edits in it). */
const REBASE_BRANCH_TRASH_REASON = 'rebase: branch before rebasing onto';

/** Everything that must hold before a rebase starts; nothing is changed by these checks. */
async function refuseUnrebaseable(context: RebaseContext, target: RebaseTarget): Promise<void> {
  const { git } = context;
  const { thread, worktree } = target;
  const operation = operationInProgress(await worktreeGitDir(git, worktree));
  if (operation === 'rebase') {
    throw new SkeinError(
      'INVALID_STATE',
      `A rebase is already under way in "${thread.title}". Resolve its conflicts and continue it, or abort it, before starting another.`,
      { threadId: thread.id, operation },
    );
  }
  if (operation) {
    const { name, abort } = describeOperation(operation);
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" is in the middle of ${name}. Finish it, or run ${abort} in the thread's terminal, then rebase.`,
      { threadId: thread.id, operation },
    );
  }
  const unmerged = await listUnmerged(git, worktree);
  if (unmerged.length > 0) {
    const paths = unmerged.map((entry) => entry.path);
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" has unresolved conflicts in ${describePaths(paths)}. Resolve them (edit the files, then git add them) before rebasing.`,
      { threadId: thread.id, conflicts: paths },
    );
  }
  const branch = await currentBranch(git, worktree);
  if (branch === null) {
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" is not on a branch (its HEAD is detached). Check out ${thread.branch} again in the thread's terminal (git switch ${thread.branch}), then rebase.`,
      { threadId: thread.id },
    );
  }
  if (branch !== thread.branch) {
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" has ${branch} checked out, not the thread's branch ${thread.branch}. Switch back (git switch ${thread.branch}), then rebase.`,
      { threadId: thread.id, branch },
    );
  }
}

async function resolveBase(context: RebaseContext, target: RebaseTarget): Promise<string> {
  const { thread, project } = target;
  const commit =
    (await resolveCommit(context.git, project.path, `refs/heads/${thread.base}`)) ??
    (await resolveCommit(context.git, project.path, thread.base));
  if (!commit) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `The thread's base "${thread.base}" no longer exists in ${project.path}, so there is nothing to rebase onto. Recreate it, then rebase.`,
      { base: thread.base },
    );
  }
  return commit;
}

/** The index's tree when it differs from HEAD's (something is staged), else null. */
async function stagedIndexTree(context: RebaseContext, worktree: string): Promise<string | null> {
  // An index git cannot write as a tree (`add -N` entries) is left to the autostash alone.
  const index = await context.git.run(['write-tree'], { cwd: worktree, allowedExitCodes: [128] });
  const headTree = await resolveTree(context.git, worktree, 'HEAD');
  const tree = index.stdout.trim();
  return index.exitCode === 0 && tree !== headTree ? tree : null;
}

/**
 * Rebases the thread's branch onto its base in its worktree. Uncommitted and untracked work is
 * snapshotted into the trash first; git's autostash sets the tracked changes aside and puts them
 * back at the end (or on abort). Stops on the first conflict, as `git rebase` does.
 */
export async function startRebase(context: RebaseContext, threadId: string): Promise<RebaseState> {
  const { git } = context;
  const target = requireRebaseTarget(context, threadId);
  const { thread, project, worktree } = target;
  refuseWhileAgentWorks(thread, 'rebase it');
  await refuseUnrebaseable(context, target);
  const onto = await resolveBase(context, target);
  const head = await resolveCommit(git, worktree, 'HEAD');
  if (!head) throw new SkeinError('INVALID_STATE', `The branch of "${thread.title}" has no commit yet.`);
  if (await isAncestor(git, worktree, onto, head)) {
    return (await readRebaseState(context, target, { onto, origHead: head, trashRef: null })).state;
  }
  await requireCommitter(context, worktree);
  const inTheWay = await untrackedInTheWay(git, worktree, head, onto);
  if (inTheWay.length > 0) {
    throw new SkeinError(
      'WORKTREE_DIRTY',
      `The rebase would overwrite files of "${thread.title}" that git does not track: ${describePaths(inTheWay)}. Move, commit or delete them, then rebase again. Nothing was changed.`,
      { threadId, files: inTheWay },
    );
  }
  const snapshot = await snapshotWorktree(git, worktree, {
    message: `Skein: work before rebasing onto ${thread.base}`,
  });
  const indexTree = await stagedIndexTree(context, worktree);
  let trashRef: string | null = null;
  if (snapshot.changed) {
    const entry = await keepInTrash(
      { git, trashRows: context.trashRows },
      project,
      thread,
      snapshot.commit,
      `${REBASE_TRASH_REASON} ${thread.base}`,
    );
    trashRef = entry.ref;
  } else {
    // Nothing else holds a clean branch's old commits once they are rewritten (a resolution can drop
    // their lines), so the Recover list keeps the head it had; the state's trashRef stays for edits.
    await keepInTrash(
      { git, trashRows: context.trashRows },
      project,
      thread,
      head,
      `${REBASE_BRANCH_TRASH_REASON} ${thread.base}`,
    );
  }
  context.started.set(thread.id, { origHead: head, trashRef, indexTree });
  let output = '';
  try {
    const result = await runRebase(context, worktree, ['--autostash', '--no-update-refs', onto], {
      commits: true,
    });
    output = `${result.stderr}\n${result.stdout}`;
  } catch (error) {
    if (!isGitFailure(error)) throw error;
    output = gitStderr(error);
  }
  const reading = await readRebaseState(context, target, { onto, origHead: head, trashRef });
  const { state } = reading;
  const finished = !state.inProgress && (await resolveCommit(git, worktree, 'HEAD')) !== head;
  if (!state.inProgress && !finished && state.conflicts.length === 0) {
    // Git put the autostash back before giving up; the staging goes back too.
    await restoreStaging(context, target, head);
    const kept = trashRef ? ` Your uncommitted work is also kept in ${trashRef}.` : '';
    throw new SkeinError(
      'GIT_FAILED',
      `Git could not rebase "${thread.title}" onto ${thread.base}: ${gitComplaint(output) || 'it gave no reason'}. The branch and files are as they were.${kept}`,
      { threadId, output: output.slice(0, 8000) },
    );
  }
  return state;
}
