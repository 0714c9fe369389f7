import { create } from 'zustand';
import type { RebaseState } from '../../../src-shared/contract';

/** One thread's rebase as this page holds it. */
export interface ThreadRebase {
  /** What the host last said; null until `rebase/status` answered. */
  state: RebaseState | null;
  /** The conflicted file open in the three-way view. */
  openPath: string | null;
  /** Set while the thread's agent works on the conflicts we handed it (its turn id). */
  agentTurnId: string | null;
  /** Agent turns on the conflicts that ended: the open file is read again after each. */
  agentRounds: number;
  /** Whether the thread conflicts with its base, per the conflict radar; null when unknown. */
  conflictsWithBase: boolean | null;
  /** Why `rebase/status` failed, in the host's words. */
  statusError: string | null;
}

export const NO_REBASE: ThreadRebase = {
  state: null,
  openPath: null,
  agentTurnId: null,
  agentRounds: 0,
  conflictsWithBase: null,
  statusError: null,
};

/** Whether the panel shows a rebase under way, or the conflicts a finished one left behind. */
export function needsResolving(state: RebaseState): boolean {
  return state.inProgress || state.conflicts.length > 0;
}

/**
 * Folds a new state from the host into what the page shows. When git stops at a new commit the
 * first conflicted file opens; when the open file is resolved the next one opens; a view the
 * person closed stays closed until the next stop.
 */
export function withRebaseState(current: ThreadRebase, state: RebaseState): ThreadRebase {
  // Conflicts outside a rebase: it finished, but putting the uncommitted work back conflicted.
  const paths = state.conflicts.map((file) => file.path);
  const previous = current.state;
  const newStop =
    previous === null || !previous.inProgress || previous.stoppedAt?.commit !== state.stoppedAt?.commit;
  let openPath = current.openPath;
  if (openPath !== null && !paths.includes(openPath)) openPath = paths[0] ?? null;
  else if (openPath === null && newStop) openPath = paths[0] ?? null;
  return {
    ...current,
    state,
    statusError: null,
    openPath,
    agentTurnId: paths.length > 0 ? current.agentTurnId : null,
  };
}

interface RebaseStore {
  byThread: Record<string, ThreadRebase>;
  update: (threadId: string, change: Partial<ThreadRebase>) => void;
  received: (state: RebaseState) => void;
}

export function rebaseOf(byThread: Record<string, ThreadRebase>, threadId: string): ThreadRebase {
  return byThread[threadId] ?? NO_REBASE;
}

/**
 * How many states each thread has received. A `rebase/status` answer is applied only if nothing
 * arrived while it was on its way: a fetch started when the review mounted must not overwrite the
 * newer state a resolve or a `rebase/updated` brought meanwhile.
 */
const receivedCount = new Map<string, number>();

export function receivedSoFar(threadId: string): number {
  return receivedCount.get(threadId) ?? 0;
}

export const useRebase = create<RebaseStore>((set) => ({
  byThread: {},
  update: (threadId, change) =>
    set((store) => ({
      byThread: { ...store.byThread, [threadId]: { ...rebaseOf(store.byThread, threadId), ...change } },
    })),
  received: (state) => {
    receivedCount.set(state.threadId, receivedSoFar(state.threadId) + 1);
    set((store) => ({
      byThread: {
        ...store.byThread,
        [state.threadId]: withRebaseState(rebaseOf(store.byThread, state.threadId), state),
      },
    }));
  },
}));
