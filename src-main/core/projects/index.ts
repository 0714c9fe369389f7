export { createProjectService, type ProjectServiceDeps } from './project-service';
export { expandPath, resolveProjectFolder } from './resolve-project-path';
export type { ProjectListener, ProjectService } from './types';
