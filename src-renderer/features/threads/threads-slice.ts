import { create } from 'zustand';
import type { Project, Thread } from '../../../src-shared/contract';

interface ThreadsState {
  byId: Record<string, Thread>;
  setAll: (threads: Thread[]) => void;
  upsert: (thread: Thread) => void;
  remove: (threadId: string) => void;
}

export const useThreads = create<ThreadsState>((set) => ({
  byId: {},
  setAll: (threads) => set({ byId: Object.fromEntries(threads.map((t) => [t.id, t])) }),
  upsert: (thread) => set((state) => ({ byId: { ...state.byId, [thread.id]: thread } })),
  remove: (threadId) =>
    set((state) => {
      const { [threadId]: _removed, ...rest } = state.byId;
      return { byId: rest };
    }),
}));

export function isArchived(thread: Thread): boolean {
  return thread.archivedAt !== null || thread.status === 'archived';
}

/** A project's threads as the sidebar lists them: newest first, live and archived apart. */
export function threadsOfProject(
  byId: Record<string, Thread>,
  projectId: string,
): { live: Thread[]; archived: Thread[] } {
  const all = Object.values(byId)
    .filter((t) => t.projectId === projectId)
    .sort((a, b) => b.createdAt - a.createdAt);
  return { live: all.filter((t) => !isArchived(t)), archived: all.filter(isArchived) };
}

/** Every live thread in sidebar order, for next/previous navigation and the palette. */
export function liveThreadsInOrder(projects: Project[], byId: Record<string, Thread>): Thread[] {
  return projects.flatMap((project) => threadsOfProject(byId, project.id).live);
}
