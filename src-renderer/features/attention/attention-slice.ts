import { create } from 'zustand';
import type { Attention } from './attention-rules';

/** Toasts kept at once; older ones make room (the sidebar still shows every thread's state). */
const MAX_TOASTS = 3;
/**
 * How long a toast stays. "Needs you" stays longer, but not for ever: the thread's row keeps its
 * mark (approvals inbox, "Budget reached"), and a forgotten toast must not cover the panes.
 */
const TOAST_MS = { done: 8_000, 'needs-you': 30_000 } as const;

export type AttentionToast = Attention & { id: number };

interface AttentionState {
  toasts: AttentionToast[];
  push: (attention: Attention) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** In-app notifications, for a browser without permission to show system ones. */
export const useAttention = create<AttentionState>((set, get) => ({
  toasts: [],
  push: (attention) => {
    const id = nextId++;
    // A newer notice about the same thread replaces the older one.
    set((state) => ({
      toasts: [
        ...state.toasts.filter((toast) => toast.threadId !== attention.threadId),
        { ...attention, id },
      ].slice(-MAX_TOASTS),
    }));
    setTimeout(() => get().dismiss(id), TOAST_MS[attention.kind]);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
