import type { RebaseState, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { usePaneViews } from '../layout/pane-views-slice';
import { useNotices } from '../notices/notices-slice';
import { useRebase } from './rebase-slice';
import { shortCommit } from './rebase-labels';
import type { ResolveParams } from './rebase-resolution';

type ThreadNames = Pick<Thread, 'id' | 'base' | 'branch'>;

function afterUncommitted(state: RebaseState): string {
  return state.trashRef ? ` Uncommitted work from before is also kept at ${state.trashRef}.` : '';
}

/** Takes a state the host answered with; says so when the rebase is over. */
function settle(thread: ThreadNames, state: RebaseState, done: (state: RebaseState) => string): RebaseState {
  useRebase.getState().received(state);
  // With conflicts left the host says itself that putting the uncommitted work back conflicted.
  if (!state.inProgress && state.conflicts.length === 0) useNotices.getState().pushToast('info', done(state));
  return state;
}

export async function startRebase(thread: ThreadNames): Promise<RebaseState> {
  const state = await requireClient().api.rebase.start({ threadId: thread.id });
  return settle(thread, state, (s) => `Rebased ${thread.branch} onto ${thread.base}.${afterUncommitted(s)}`);
}

export async function continueRebase(thread: ThreadNames): Promise<RebaseState> {
  const state = await requireClient().api.rebase.continue({ threadId: thread.id });
  return settle(
    thread,
    state,
    (s) => `Rebase finished: ${thread.branch} now sits on top of ${thread.base}.${afterUncommitted(s)}`,
  );
}

export async function abortRebase(thread: ThreadNames): Promise<RebaseState> {
  const state = await requireClient().api.rebase.abort({ threadId: thread.id });
  return settle(
    thread,
    state,
    (s) => `Rebase aborted: ${thread.branch} is back at ${shortCommit(s.origHead) || 'where it was'}.`,
  );
}

export async function resolveConflict(params: ResolveParams): Promise<RebaseState> {
  const state = await requireClient().api.rebase.resolve(params);
  useRebase.getState().received(state);
  return state;
}

/** Hands the conflicts to the thread's agent and shows its conversation, where the turn runs. */
export async function askAgentToResolve(threadId: string): Promise<string> {
  const { turnId } = await requireClient().api.rebase.askAgent({ threadId });
  useRebase.getState().update(threadId, { agentTurnId: turnId });
  return turnId;
}

export function showConversation(threadId: string): void {
  usePaneViews.getState().show(threadId, 'conversation');
}
