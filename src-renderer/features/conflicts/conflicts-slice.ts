import { create } from 'zustand';
import type { ConflictMatrix, RpcClient } from '../../../src-shared/contract';

interface ConflictsState {
  /** Each project's matrix as the host last sent it. */
  byProject: Record<string, ConflictMatrix>;
  /** Why the last `conflicts/get` of a project failed, in the host's words. */
  errors: Record<string, string>;
  setMatrix: (matrix: ConflictMatrix) => void;
  setError: (projectId: string, message: string) => void;
  remove: (projectId: string) => void;
  reset: () => void;
}

export const useConflicts = create<ConflictsState>((set) => ({
  byProject: {},
  errors: {},
  setMatrix: (matrix) =>
    set((state) => {
      // A `conflicts/get` answer can arrive after a newer `conflicts/updated`: keep the newer one.
      const held = state.byProject[matrix.projectId];
      if (held && held.updatedAt > matrix.updatedAt) return state;
      const { [matrix.projectId]: _cleared, ...errors } = state.errors;
      return { byProject: { ...state.byProject, [matrix.projectId]: matrix }, errors };
    }),
  setError: (projectId, message) => set((state) => ({ errors: { ...state.errors, [projectId]: message } })),
  remove: (projectId) =>
    set((state) => {
      const { [projectId]: _matrix, ...byProject } = state.byProject;
      const { [projectId]: _error, ...errors } = state.errors;
      return { byProject, errors };
    }),
  reset: () => set({ byProject: {}, errors: {} }),
}));

/**
 * Asks the host for a project's matrix, which also starts the radar for it. A failure is kept for
 * the radar dialog to show rather than thrown: the rest of the app works without the radar.
 */
export async function fetchConflicts(client: RpcClient, projectId: string): Promise<void> {
  try {
    useConflicts.getState().setMatrix(await client.api.conflicts.get({ projectId }));
  } catch (error) {
    useConflicts.getState().setError(projectId, error instanceof Error ? error.message : String(error));
  }
}

/** Subscribes to matrix updates; call before the first fetch so nothing falls between them. */
export function subscribeConflicts(client: RpcClient): void {
  client.on('conflicts/updated', (matrix) => useConflicts.getState().setMatrix(matrix));
}

/** Starts over on a fresh connection and fetches every project's matrix, without waiting for them. */
export function syncConflicts(client: RpcClient, projectIds: string[]): void {
  useConflicts.getState().reset();
  for (const projectId of projectIds) void fetchConflicts(client, projectId);
}
