import { SkeinError } from '../../../src-shared/contract';
import { rebaseConflictPrompt } from './agent-prompt';
import { readRebaseState } from './rebase-state';
import { requireRebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';

/** Starts a turn of the thread's agent asking it to resolve the conflicted files in place. */
export async function askAgentToResolve(
  context: RebaseContext,
  threadId: string,
  note?: string,
): Promise<{ turnId: string }> {
  const target = requireRebaseTarget(context, threadId);
  const { state } = await readRebaseState(context, target);
  if (state.conflicts.length === 0) {
    throw new SkeinError(
      'INVALID_STATE',
      state.inProgress
        ? `The rebase of "${target.thread.title}" has no conflicted files left; continue it instead.`
        : `"${target.thread.title}" has no conflicts to hand to its agent.`,
      { threadId },
    );
  }
  const message = rebaseConflictPrompt({
    state,
    branch: target.thread.branch,
    base: target.thread.base,
    note,
  });
  const turn = await context.agents.startTurn({ threadId, message });
  return { turnId: turn.id };
}
