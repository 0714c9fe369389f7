import { create } from 'zustand';
import type { Approval } from '../../../src-shared/contract';

interface ApprovalsState {
  /** Pending approvals of every thread, by id. */
  pending: Record<string, Approval>;
  /** Whether the inbox panel is showing. */
  inboxOpen: boolean;
  setAll: (approvals: Approval[]) => void;
  requested: (approval: Approval) => void;
  /** Drops an answered (or otherwise resolved) approval. */
  resolved: (approvalId: string) => void;
  setInboxOpen: (open: boolean) => void;
}

export const useApprovals = create<ApprovalsState>((set) => ({
  pending: {},
  inboxOpen: false,
  setAll: (approvals) =>
    set({ pending: Object.fromEntries(approvals.filter(isPending).map((a) => [a.id, a])) }),
  requested: (approval) =>
    set((state) =>
      isPending(approval) ? { pending: { ...state.pending, [approval.id]: approval } } : state,
    ),
  resolved: (approvalId) =>
    set((state) => {
      if (!state.pending[approvalId]) return state;
      const { [approvalId]: _answered, ...rest } = state.pending;
      return { pending: rest };
    }),
  setInboxOpen: (inboxOpen) => set({ inboxOpen }),
}));

function isPending(approval: Approval): boolean {
  return approval.status === 'pending';
}

/** Pending approvals oldest first: the order they were asked in. */
export function sortApprovals(pending: Record<string, Approval>): Approval[] {
  return Object.values(pending).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function approvalsOfThread(pending: Record<string, Approval>, threadId: string): Approval[] {
  return sortApprovals(pending).filter((a) => a.threadId === threadId);
}
