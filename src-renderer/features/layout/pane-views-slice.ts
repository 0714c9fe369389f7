import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** What a thread's pane shows: the conversation with its agent, the review of its changes, its trace, or its terminals. */
export type PaneView = 'conversation' | 'review' | 'trace' | 'terminal';

interface PaneViewsState {
  byThread: Record<string, PaneView>;
  show: (threadId: string, view: PaneView) => void;
}

/** Kept in localStorage so a reload shows each thread as it was left; the conversation by default. */
export const usePaneViews = create<PaneViewsState>()(
  persist(
    (set) => ({
      byThread: {},
      show: (threadId, view) =>
        set((state) =>
          state.byThread[threadId] === view ? state : { byThread: { ...state.byThread, [threadId]: view } },
        ),
    }),
    { name: 'skein.pane-views', partialize: (state) => ({ byThread: state.byThread }) },
  ),
);

export function paneViewOf(byThread: Record<string, PaneView>, threadId: string): PaneView {
  return byThread[threadId] ?? 'conversation';
}
