import { SkeinError, type RebaseState } from '../../../src-shared/contract';
import { gitStderr, isGitFailure } from '../git';
import { describePaths } from './describe-paths';
import { gitComplaint, runRebase } from './rebase-git';
import { readRebaseState, type RebaseReading } from './rebase-state';
import { refuseWhileAgentWorks, requireRebaseTarget, type RebaseTarget } from './rebase-thread';
import { restoreStaging } from './restore-staging';
import type { RebaseContext } from './types';

/** The rebase under way, or a refusal when there is none. */
export async function requireRebaseUnderWay(
  context: RebaseContext,
  target: RebaseTarget,
): Promise<RebaseReading> {
  const reading = await readRebaseState(context, target);
  if (!reading.state.inProgress) {
    throw new SkeinError(
      'INVALID_STATE',
      `No rebase is under way in "${target.thread.title}". Start one with "rebase onto ${target.thread.base}".`,
      { threadId: target.thread.id },
    );
  }
  return reading;
}

/** Runs `git rebase --continue|--abort`; a failure becomes a sentence with git's own reason. */
export async function runRebaseStep(
  context: RebaseContext,
  target: RebaseTarget,
  step: '--continue' | '--abort',
): Promise<string> {
  try {
    const result = await runRebase(context, target.worktree, [step], { commits: step === '--continue' });
    return `${result.stderr}\n${result.stdout}`;
  } catch (error) {
    if (!isGitFailure(error)) throw error;
    throw new SkeinError(
      'GIT_FAILED',
      `Git could not ${step === '--continue' ? 'continue' : 'abort'} the rebase of "${target.thread.title}": ${gitComplaint(gitStderr(error)) || 'it gave no reason'}.`,
      { threadId: target.thread.id, stderr: gitStderr(error) },
    );
  }
}

/**
 * Commits the resolved step and replays the rest; stops again at the next conflict. Refused while
 * any file is still in conflict (a file marked resolved was checked for markers then).
 */
export async function continueRebase(context: RebaseContext, threadId: string): Promise<RebaseState> {
  const target = requireRebaseTarget(context, threadId);
  refuseWhileAgentWorks(target.thread, 'continue the rebase');
  const before = (await requireRebaseUnderWay(context, target)).state;
  if (before.conflicts.length > 0) {
    const paths = before.conflicts.map((file) => file.path);
    throw new SkeinError(
      'INVALID_STATE',
      `"${target.thread.title}" still has conflicts in ${describePaths(paths)}. Resolve each file (edit it and mark it resolved, or ask the agent), then continue.`,
      { threadId, conflicts: paths },
    );
  }
  const output = await runRebaseStep(context, target, '--continue');
  const { state } = await readRebaseState(context, target, {
    onto: before.onto,
    origHead: before.origHead,
    trashRef: before.trashRef,
  });
  const stuck =
    state.inProgress &&
    state.conflicts.length === 0 &&
    state.step === before.step &&
    state.stoppedAt?.commit === before.stoppedAt?.commit;
  if (stuck) {
    throw new SkeinError(
      'INVALID_STATE',
      `The rebase of "${target.thread.title}" did not move on: ${gitComplaint(output) || 'git gave no reason'}. Fix it in the thread's terminal, or abort the rebase.`,
      { threadId, output: output.slice(0, 8000) },
    );
  }
  return state;
}

/** Stops the rebase: git puts the branch back where it was and re-applies the autostash. */
export async function abortRebase(context: RebaseContext, threadId: string): Promise<RebaseState> {
  const target = requireRebaseTarget(context, threadId);
  refuseWhileAgentWorks(target.thread, 'abort the rebase');
  const before = (await requireRebaseUnderWay(context, target)).state;
  await runRebaseStep(context, target, '--abort');
  await restoreStaging(context, target, before.origHead);
  return (
    await readRebaseState(context, target, {
      onto: null,
      origHead: before.origHead,
      trashRef: before.trashRef,
    })
  ).state;
}
