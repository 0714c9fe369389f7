import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { RpcError, SkeinError, type Project, type RpcClient } from '../../../src-shared/contract';

/** The project holding `repo`, added when Skein does not know it yet (the desktop app's "Add project"). */
export async function findOrAddProject(rpc: RpcClient, repo: string): Promise<Project> {
  try {
    return await rpc.api.project.add({ path: repo });
  } catch (error) {
    if (error instanceof RpcError && error.kind === 'PROJECT_EXISTS') {
      const projectId = error.details?.projectId;
      const { projects } = await rpc.api.project.list({});
      const known = projects.find((project) => project.id === projectId);
      if (known) return known;
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

/**
 * The known project `repo` is in (its root or a folder below), without adding one: for read-only tools.
 * Paths are compared here: the MCP process runs on the host's machine (a local socket or in-process).
 */
export async function findProject(rpc: RpcClient, repo: string): Promise<Project> {
  const path = canonical(repo);
  const { projects } = await rpc.api.project.list({});
  const project = projects
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
