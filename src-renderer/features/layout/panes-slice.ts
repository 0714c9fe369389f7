import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import {
  closePane,
  keepThreads,
  openBeside,
  openInFocused,
  showSideBySide,
  type PaneLayout,
} from './pane-layout';

interface PanesState extends PaneLayout {
  /** Shows the thread in the focused pane (or focuses the pane that already shows it). */
  open: (threadId: string) => void;
  /** Shows the thread in a new pane next to the focused one, if there is room. */
  openBeside: (threadId: string) => void;
  /** Shows these threads next to each other in place of the current panes (at most MAX_PANES). */
  showSideBySide: (threadIds: readonly string[]) => void;
  close: (index: number) => void;
  focus: (index: number) => void;
  /** Drops panes whose thread is gone (deleted, archived elsewhere). */
  keepOnly: (threadIds: ReadonlySet<string>) => void;
}

const layoutOf = ({ panes, focused }: PaneLayout): PaneLayout => ({ panes, focused });

/** Kept in localStorage so a reload shows the same threads side by side. */
export const usePanes = create<PanesState>()(
  persist(
    (set, get) => ({
      panes: [],
      focused: 0,
      open: (threadId) => set(openInFocused(layoutOf(get()), threadId)),
      openBeside: (threadId) => set(openBeside(layoutOf(get()), threadId)),
      showSideBySide: (threadIds) => set(showSideBySide(layoutOf(get()), threadIds)),
      close: (index) => set(closePane(layoutOf(get()), index)),
      focus: (index) => {
        if (index >= 0 && index < get().panes.length) set({ focused: index });
      },
      keepOnly: (threadIds) => {
        const current = layoutOf(get());
        const next = keepThreads(current, threadIds);
        if (next !== current) set(next);
      },
    }),
    { name: 'skein.layout', partialize: (state): PaneLayout => layoutOf(state) },
  ),
);
