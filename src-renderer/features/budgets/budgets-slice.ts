import { create } from 'zustand';
import type { RpcClient } from '../../../src-shared/contract';
import { useThreads } from '../threads/threads-slice';
import { isBudgetPause } from './budget-form';

interface BudgetsState {
  /** Threads paused at a budget → the pause in words. */
  reached: Record<string, string>;
  markReached: (threadId: string, message: string) => void;
  clear: (threadId: string) => void;
}

export const useBudgets = create<BudgetsState>((set) => ({
  reached: {},
  markReached: (threadId, message) =>
    set((state) => ({ reached: { ...state.reached, [threadId]: message } })),
  clear: (threadId) =>
    set((state) => {
      if (!(threadId in state.reached)) return state;
      const { [threadId]: _gone, ...rest } = state.reached;
      return { reached: rest };
    }),
}));

/** Re-asks the host whether paused threads are still over budget (after a budget changed). */
async function recheck(client: RpcClient, threadIds: string[]): Promise<void> {
  for (const threadId of threadIds) {
    try {
      const view = await client.api.budget.get({ threadId });
      if (!view.reached) useBudgets.getState().clear(threadId);
    } catch {
      // The thread is gone: its badge goes with it.
      useBudgets.getState().clear(threadId);
    }
  }
}

/** Keeps the "Budget reached" marks current from the host's notifications. */
export function subscribeBudgets(client: RpcClient): void {
  client.on('budget/reached', ({ threadId, message }) =>
    useBudgets.getState().markReached(threadId, message),
  );
  client.on('turn/started', ({ turn }) => useBudgets.getState().clear(turn.threadId));
  client.on('budget/updated', ({ status }) => {
    const threads = useThreads.getState().byId;
    const affected = Object.keys(useBudgets.getState().reached).filter((threadId) =>
      status.scope === 'thread'
        ? threadId === status.threadId
        : threads[threadId]?.projectId === status.projectId,
    );
    if (affected.length > 0) void recheck(client, affected);
  });
}

/** After a fresh sync: threads whose last turn paused at a budget show the mark again. */
export function restoreBudgetMarks(): void {
  for (const thread of Object.values(useThreads.getState().byId)) {
    if (thread.status === 'done' && isBudgetPause(thread.statusDetail))
      useBudgets.getState().markReached(thread.id, thread.statusDetail ?? '');
  }
}
