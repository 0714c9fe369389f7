import { create } from 'zustand';
import type { Item, Turn } from '../../../src-shared/contract';
import {
  foldEvents,
  transcriptFromSnapshot,
  type ThreadTranscript,
  type TranscriptEvent,
} from './transcript-fold';

interface ConversationState {
  /** Transcripts of the threads this page shows; absent until fetched on this connection. */
  byThread: Record<string, ThreadTranscript>;
  /** Sets a fetched transcript, with the events that arrived while it was in flight folded on top. */
  loaded: (threadId: string, turns: Turn[], items: Item[], since: readonly TranscriptEvent[]) => void;
  /** Folds a batch of events per thread in one store update. */
  apply: (batches: ReadonlyMap<string, TranscriptEvent[]>) => void;
  /** Forgets every transcript (a new connection fetches again). */
  reset: () => void;
}

export const useConversation = create<ConversationState>((set) => ({
  byThread: {},
  loaded: (threadId, turns, items, since) =>
    set((state) => ({
      byThread: { ...state.byThread, [threadId]: foldEvents(transcriptFromSnapshot(turns, items), since) },
    })),
  apply: (batches) =>
    set((state) => {
      let byThread = state.byThread;
      for (const [threadId, events] of batches) {
        const current = byThread[threadId];
        if (!current) continue;
        const next = foldEvents(current, events);
        if (next !== current) byThread = { ...byThread, [threadId]: next };
      }
      return byThread === state.byThread ? state : { byThread };
    }),
  reset: () => set({ byThread: {} }),
}));
