import type { Project, ProjectSettings } from '../../../src-shared/contract';

/** Lets other services (the thread service's worktree pool) follow projects without a dependency cycle. */
export interface ProjectListener {
  added?(project: Project): void;
  updated?(project: Project, previous: Project): void;
  /** Awaited before the project's row is deleted, e.g. to remove its pooled worktrees. */
  removing?(project: Project): Promise<void>;
}

export interface ProjectService {
  add(path: string): Promise<Project>;
  list(): Project[];
  get(projectId: string): Project;
  update(
    projectId: string,
    patch: { name?: string; defaultBase?: string; settings?: Partial<ProjectSettings> },
  ): Promise<Project>;
  remove(projectId: string): Promise<void>;
  branches(projectId: string): Promise<{ current: string | null; branches: string[] }>;
  subscribe(listener: ProjectListener): () => void;
}
