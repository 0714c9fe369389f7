import { create } from 'zustand';
import type { Manager, RpcClient } from '../../../src-shared/contract';

interface ManagersState {
  /** Every manager the host last sent, by its thread id. */
  byThread: Record<string, Manager>;
  upsert: (manager: Manager) => void;
  /** Replaces one project's managers (a `manager/list` answer). */
  setProject: (projectId: string, managers: Manager[]) => void;
  reset: () => void;
}

export const useManagers = create<ManagersState>((set) => ({
  byThread: {},
  upsert: (manager) => set((state) => ({ byThread: { ...state.byThread, [manager.threadId]: manager } })),
  setProject: (projectId, managers) =>
    set((state) => {
      const kept = Object.values(state.byThread).filter((m) => m.projectId !== projectId);
      return { byThread: Object.fromEntries([...kept, ...managers].map((m) => [m.threadId, m])) };
    }),
  reset: () => set({ byThread: {} }),
}));

/** Subscribes to manager changes; call before the first fetch so nothing falls between them. */
export function subscribeManagers(client: RpcClient): void {
  client.on('manager/updated', ({ manager }) => useManagers.getState().upsert(manager));
}

/**
 * Fetches every project's managers without waiting. The sidebar shows threads flat until they arrive,
 * and flat for good if the host cannot list them (the threads themselves still work).
 */
export function syncManagers(client: RpcClient, projectIds: string[]): void {
  useManagers.getState().reset();
  for (const projectId of projectIds) {
    client.api.manager.list({ projectId }).then(
      ({ managers }) => useManagers.getState().setProject(projectId, managers),
      () => undefined,
    );
  }
}
