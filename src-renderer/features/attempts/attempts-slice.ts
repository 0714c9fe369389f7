import { create } from 'zustand';
import type { AttemptGroup, RpcClient } from '../../../src-shared/contract';

interface AttemptsState {
  /** Every group of every project as the host last sent it, by group id. */
  byId: Record<string, AttemptGroup>;
  /** Why a project's last `attempt/list` failed, in the host's words. */
  errors: Record<string, string>;
  setError: (projectId: string, message: string) => void;
  upsert: (group: AttemptGroup) => void;
  /** Replaces one project's groups (an `attempt/list` answer). */
  setProject: (projectId: string, groups: AttemptGroup[]) => void;
  reset: () => void;
}

export const useAttempts = create<AttemptsState>((set) => ({
  byId: {},
  errors: {},
  setError: (projectId, message) => set((state) => ({ errors: { ...state.errors, [projectId]: message } })),
  upsert: (group) => set((state) => ({ byId: { ...state.byId, [group.id]: group } })),
  setProject: (projectId, groups) =>
    set((state) => {
      const kept = Object.values(state.byId).filter((g) => g.projectId !== projectId);
      const { [projectId]: _cleared, ...errors } = state.errors;
      return { byId: Object.fromEntries([...kept, ...groups].map((g) => [g.id, g])), errors };
    }),
  reset: () => set({ byId: {}, errors: {} }),
}));

/** A project's groups, newest first. */
export function groupsOfProject(byId: Record<string, AttemptGroup>, projectId: string): AttemptGroup[] {
  return Object.values(byId)
    .filter((g) => g.projectId === projectId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The group a thread is an attempt of, if the store holds it. */
export function groupOfThread(
  byId: Record<string, AttemptGroup>,
  threadId: string,
): AttemptGroup | undefined {
  return Object.values(byId).find((g) => g.attempts.some((a) => a.thread.id === threadId));
}

/** Subscribes to group changes; call before the first fetch so nothing falls between them. */
export function subscribeAttempts(client: RpcClient): void {
  client.on('attempt/updated', ({ group }) => useAttempts.getState().upsert(group));
}

/**
 * Fetches every project's groups, without waiting: the rest of the app works without them, and a
 * failure is kept for the sidebar to show.
 */
export function syncAttempts(client: RpcClient, projectIds: string[]): void {
  useAttempts.getState().reset();
  for (const projectId of projectIds) void fetchAttempts(client, projectId);
}

export async function fetchAttempts(client: RpcClient, projectId: string): Promise<void> {
  try {
    const { groups } = await client.api.attempt.list({ projectId });
    useAttempts.getState().setProject(projectId, groups);
  } catch (error) {
    useAttempts.getState().setError(projectId, error instanceof Error ? error.message : String(error));
  }
}
