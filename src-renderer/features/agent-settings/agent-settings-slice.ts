import { create } from 'zustand';
import type { AgentSettingsView } from '../../../src-shared/contract';

interface AgentSettingsState {
  /** Each shown thread's settings layers and what they resolve to. */
  byThread: Record<string, AgentSettingsView>;
  /** Bumped when a wider layer (user, project) changes, so every thread's view is fetched again. */
  generation: number;
  setForThread: (threadId: string, view: AgentSettingsView) => void;
  invalidateAll: () => void;
}

export const useAgentSettings = create<AgentSettingsState>((set) => ({
  byThread: {},
  generation: 0,
  setForThread: (threadId, view) => set((state) => ({ byThread: { ...state.byThread, [threadId]: view } })),
  invalidateAll: () => set((state) => ({ byThread: {}, generation: state.generation + 1 })),
}));
