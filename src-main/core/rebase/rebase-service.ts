import type { RebaseState } from '../../../src-shared/contract';
import { gitEnvironment } from '../git';
import { createPerThreadQueue } from '../review';
import { askAgentToResolve } from './ask-agent';
import { readConflictFile } from './conflict-file';
import { abortRebase, continueRebase } from './continue-rebase';
import { describePaths } from './describe-paths';
import { readRebaseState } from './rebase-state';
import { requireRebaseTarget } from './rebase-thread';
import { resolveConflictFile } from './resolve-file';
import { startRebase } from './start-rebase';
import type { RebaseContext, RebaseService, RebaseServiceDeps } from './types';

/** Rebasing a thread's branch onto its base in its worktree, conflicts and all. */
export function createRebaseService(deps: RebaseServiceDeps): RebaseService {
  const env = deps.env ?? process.env;
  const context: RebaseContext = {
    ...deps,
    env,
    gitEnv: deps.env ? gitEnvironment(deps.env) : {},
    started: new Map(),
  };
  // One change at a time per thread: a double-clicked continue must not run git twice.
  const oneAtATime = createPerThreadQueue();

  /** Tells every client, and refreshes an open review (the branch or its files moved). */
  const announce = (state: RebaseState, ended: boolean): RebaseState => {
    deps.publisher.publish('rebase/updated', state);
    deps.publisher.publish('review/changed', { threadId: state.threadId });
    if (ended && !state.inProgress && state.conflicts.length > 0 && state.stashed) {
      const kept = state.trashRef ? ` They are also kept in ${state.trashRef}.` : '';
      deps.publisher.publish('host/notice', {
        level: 'warning',
        message: `The rebase of "${deps.threads.get(state.threadId).title}" finished, but putting the uncommitted changes back conflicted in ${describePaths(state.conflicts.map((file) => file.path))}. Resolve those files; the changes are safe in git's stash list (autostash).${kept}`,
      });
    }
    return state;
  };
  /** `mayEnd`: the operation can finish the rebase, so git may have just re-applied its autostash. */
  const change = (threadId: string, work: () => Promise<RebaseState>, mayEnd = false): Promise<RebaseState> =>
    oneAtATime(threadId, async () => announce(await work(), mayEnd));

  return {
    start: (threadId) => change(threadId, () => startRebase(context, threadId), true),
    status: async (threadId) =>
      (await readRebaseState(context, requireRebaseTarget(context, threadId))).state,
    file: (threadId, path) => readConflictFile(context, threadId, path),
    resolve: (input) =>
      change(input.threadId, async () => {
        const target = await resolveConflictFile(context, input);
        return (await readRebaseState(context, target)).state;
      }),
    continue: (threadId) => change(threadId, () => continueRebase(context, threadId), true),
    abort: (threadId) => change(threadId, () => abortRebase(context, threadId)),
    askAgent: (threadId, note) => oneAtATime(threadId, () => askAgentToResolve(context, threadId, note)),
  };
}
