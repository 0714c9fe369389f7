import { create } from 'zustand';
import type { Project } from '../../../src-shared/contract';

interface ProjectsState {
  /** Keyed by id; the sidebar orders them by creation time. */
  byId: Record<string, Project>;
  loaded: boolean;
  setAll: (projects: Project[]) => void;
  upsert: (project: Project) => void;
  remove: (projectId: string) => void;
}

export const useProjects = create<ProjectsState>((set) => ({
  byId: {},
  loaded: false,
  setAll: (projects) => set({ byId: Object.fromEntries(projects.map((p) => [p.id, p])), loaded: true }),
  upsert: (project) => set((state) => ({ byId: { ...state.byId, [project.id]: project } })),
  remove: (projectId) =>
    set((state) => {
      const { [projectId]: _removed, ...rest } = state.byId;
      return { byId: rest };
    }),
}));

export function sortProjects(byId: Record<string, Project>): Project[] {
  return Object.values(byId).sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
}
