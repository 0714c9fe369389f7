import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { DiffRange, DiffSummary, ReviewComment } from '../../../src-shared/contract';

/** One thread's review as this page holds it: what is shown, and what the host last said. */
export interface ThreadReview {
  range: DiffRange;
  selectedPath: string | null;
  /** Folder paths the person closed in the file tree. */
  collapsed: string[];
  summary: DiffSummary | null;
  /** Why the last `review/files` failed, in the host's words. */
  summaryError: string | null;
  loading: boolean;
  /** All of the thread's comments; null until fetched. */
  comments: ReviewComment[] | null;
}

const EMPTY: ThreadReview = {
  range: { kind: 'base' },
  selectedPath: null,
  collapsed: [],
  summary: null,
  summaryError: null,
  loading: false,
  comments: null,
};

interface ReviewState {
  byThread: Record<string, ThreadReview>;
  update: (threadId: string, change: Partial<ThreadReview>) => void;
  setRange: (threadId: string, range: DiffRange) => void;
  select: (threadId: string, path: string | null) => void;
  toggleFolder: (threadId: string, path: string) => void;
}

export function reviewOf(byThread: Record<string, ThreadReview>, threadId: string): ThreadReview {
  return byThread[threadId] ?? EMPTY;
}

export const useReview = create<ReviewState>((set) => {
  const update = (threadId: string, change: Partial<ThreadReview>) =>
    set((state) => ({
      byThread: { ...state.byThread, [threadId]: { ...reviewOf(state.byThread, threadId), ...change } },
    }));
  return {
    byThread: {},
    update,
    setRange: (threadId, range) => update(threadId, { range, summary: null, summaryError: null }),
    // Selecting a file (from a comment card, say) opens the folders it sits in.
    select: (threadId, selectedPath) =>
      set((state) => {
        const current = reviewOf(state.byThread, threadId);
        const collapsed = selectedPath
          ? current.collapsed.filter((folder) => !selectedPath.startsWith(`${folder}/`))
          : current.collapsed;
        return { byThread: { ...state.byThread, [threadId]: { ...current, selectedPath, collapsed } } };
      }),
    toggleFolder: (threadId, path) =>
      set((state) => {
        const current = reviewOf(state.byThread, threadId);
        const collapsed = current.collapsed.includes(path)
          ? current.collapsed.filter((p) => p !== path)
          : [...current.collapsed, path];
        return { byThread: { ...state.byThread, [threadId]: { ...current, collapsed } } };
      }),
  };
});

export type DiffLayout = 'side-by-side' | 'inline';

interface ReviewPreferences {
  layout: DiffLayout;
  setLayout: (layout: DiffLayout) => void;
}

/** How diffs are laid out is a habit of the person, not of a thread: one choice, kept in localStorage. */
export const useReviewPreferences = create<ReviewPreferences>()(
  persist(
    (set) => ({
      layout: 'side-by-side',
      setLayout: (layout) => set({ layout }),
    }),
    { name: 'skein.review', partialize: (state) => ({ layout: state.layout }) },
  ),
);

/** The draft comments of a thread, oldest first. */
export function draftsOf(comments: readonly ReviewComment[] | null): ReviewComment[] {
  return (comments ?? []).filter((c) => c.status === 'draft').sort((a, b) => a.createdAt - b.createdAt);
}
