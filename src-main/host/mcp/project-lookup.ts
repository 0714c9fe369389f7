import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { SkeinError, type Project } from '../../../src-shared/contract';
import type { HostServices } from '../create-host';

/** The project holding `repo`, added when Skein does not know it yet (the desktop app's "Add project"). */
export async function findOrAddProject(services: HostServices, repo: string): Promise<Project> {
  try {
    return await services.projects.add(repo);
  } catch (error) {
    if (error instanceof SkeinError && error.kind === 'PROJECT_EXISTS') {
      const projectId = error.details?.projectId;
      if (typeof projectId === 'string') return services.projects.get(projectId);
    }
    throw error;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The known project `repo` is in (its root or a folder below), without adding one: for read-only tools. */
export function findProject(services: HostServices, repo: string): Project {
  const path = canonical(repo);
  const project = services.projects
    .list()
    .filter((candidate) => path === candidate.path || path.startsWith(candidate.path + sep))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!project) {
    throw new SkeinError(
      'NOT_FOUND',
      `${repo} is not in a project Skein knows. Start a thread there with thread_start (it adds the project), or add it in the app.`,
    );
  }
  return project;
}
