import { create } from 'zustand';
import type { Terminal } from '../../../src-shared/contract';

interface TerminalsState {
  /** Terminals per thread, oldest first; absent until that thread's list was fetched on this connection. */
  byThread: Record<string, Terminal[]>;
  /** The selected tab per thread. */
  activeByThread: Record<string, string>;
  setForThread: (threadId: string, terminals: Terminal[]) => void;
  upsert: (terminal: Terminal) => void;
  remove: (threadId: string, terminalId: string) => void;
  setActive: (threadId: string, terminalId: string) => void;
  /** Forgets fetched lists (a new connection fetches again); keeps the selected tabs. */
  reset: () => void;
}

const byCreation = (a: Terminal, b: Terminal) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

export const useTerminals = create<TerminalsState>((set) => ({
  byThread: {},
  activeByThread: {},
  setForThread: (threadId, terminals) =>
    set((state) => ({ byThread: { ...state.byThread, [threadId]: [...terminals].sort(byCreation) } })),
  upsert: (terminal) =>
    set((state) => {
      const list = state.byThread[terminal.threadId];
      // A thread whose list was never fetched gets it fetched in full when it is opened.
      if (!list) return state;
      const next = list.some((t) => t.id === terminal.id)
        ? list.map((t) => (t.id === terminal.id ? terminal : t))
        : [...list, terminal].sort(byCreation);
      return { byThread: { ...state.byThread, [terminal.threadId]: next } };
    }),
  remove: (threadId, terminalId) =>
    set((state) => {
      const list = state.byThread[threadId];
      if (!list) return state;
      return { byThread: { ...state.byThread, [threadId]: list.filter((t) => t.id !== terminalId) } };
    }),
  setActive: (threadId, terminalId) =>
    set((state) => ({ activeByThread: { ...state.activeByThread, [threadId]: terminalId } })),
  reset: () => set({ byThread: {} }),
}));

/** The terminal a thread's pane shows: the selected one if it still exists, else the first. */
export function activeTerminal(terminals: Terminal[], selectedId: string | undefined): Terminal | undefined {
  return terminals.find((t) => t.id === selectedId) ?? terminals[0];
}
