import type { Project, ProjectSettings } from '../../../src-shared/contract';

export interface ProjectService {
  add(path: string): Promise<Project>;
  list(): Project[];
  get(projectId: string): Project;
  update(projectId: string, patch: { name?: string; defaultBase?: string; settings?: Partial<ProjectSettings> }): Promise<Project>;
  remove(projectId: string): Promise<void>;
  branches(projectId: string): Promise<{ current: string | null; branches: string[] }>;
}
