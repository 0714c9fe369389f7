import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { projectSettingsSchema, SkeinError, type Project } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import { currentBranch, listBranches, probeRepository, resolveCommit, type GitQueue } from '../git';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';
import { detectDefaultBase } from './default-base';
import { createProjectRows } from './project-rows';
import { resolveProjectFolder } from './resolve-project-path';
import type { ProjectListener, ProjectService } from './types';

const log = createLogger('projects');

export interface ProjectServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
}

/** The repository's top level for a folder, or the SkeinError that says why it cannot be a project. */
async function resolveRepositoryRoot(git: GitQueue, folder: string): Promise<string> {
  const probe = await probeRepository(git, folder);
  switch (probe.kind) {
    case 'not_a_repo':
      if (/dubious ownership/.test(probe.message)) {
        throw new SkeinError(
          'NOT_A_GIT_REPO',
          `git refuses to work in ${folder} because another user owns it. If you trust it, run \`git config --global --add safe.directory ${folder}\` and add it again.`,
          { path: folder, stderr: probe.message },
        );
      }
      throw new SkeinError(
        'NOT_A_GIT_REPO',
        `${folder} is not inside a git repository. Run \`git init\` there first, or choose a repository's folder.`,
        { path: folder, stderr: probe.message },
      );
    case 'bare':
      throw new SkeinError(
        'BARE_REPO',
        `${folder} is a bare repository, which has no working files. Clone it (\`git clone ${folder}\`) and add the clone.`,
        { path: folder },
      );
    case 'inside_git_dir':
      throw new SkeinError(
        'NOT_A_GIT_REPO',
        `${folder} is inside a .git folder. Choose the repository's working folder.`,
        { path: folder },
      );
    case 'work_tree':
      return realpathSync(probe.topLevel);
  }
}

export function createProjectService({ db, git, publisher }: ProjectServiceDeps): ProjectService {
  const rows = createProjectRows(db);
  const listeners = new Set<ProjectListener>();

  const get = (projectId: string): Project => {
    const project = rows.get(projectId);
    if (!project) {
      throw new SkeinError(
        'NOT_FOUND',
        `There is no project with id ${projectId}; it may have been removed. Refresh the project list.`,
        {
          projectId,
        },
      );
    }
    return project;
  };

  const notify = (call: (listener: ProjectListener) => void): void => {
    for (const listener of listeners) {
      try {
        call(listener);
      } catch (error) {
        log.error('A project listener failed', error);
      }
    }
  };

  return {
    async add(path) {
      const folder = resolveProjectFolder(path);
      const root = await resolveRepositoryRoot(git, folder);
      const existing = rows.findByPath(root);
      if (existing) {
        throw new SkeinError(
          'PROJECT_EXISTS',
          `${root} is already added as the project "${existing.name}".`,
          {
            projectId: existing.id,
            path: root,
          },
        );
      }
      const defaultBase = await detectDefaultBase(git, root);
      if (!defaultBase) {
        throw new SkeinError(
          'NO_COMMITS',
          `The repository at ${root} has no commits yet. Make a first commit, then add it again.`,
          { path: root },
        );
      }
      const project: Project = {
        id: randomUUID(),
        name: basename(root),
        path: root,
        defaultBase,
        settings: projectSettingsSchema.parse({}),
        createdAt: Date.now(),
      };
      // Checked again after the awaits above: a concurrent add of the same folder may have landed meanwhile.
      if (rows.findByPath(root))
        throw new SkeinError('PROJECT_EXISTS', `${root} is already added.`, { path: root });
      rows.insert(project);
      publisher.publish('project/updated', { project });
      notify((listener) => listener.added?.(project));
      return project;
    },

    list: () => rows.list(),

    get,

    async update(projectId, patch) {
      const previous = get(projectId);
      if (patch.defaultBase !== undefined && !(await resolveCommit(git, previous.path, patch.defaultBase))) {
        throw new SkeinError(
          'BRANCH_NOT_FOUND',
          `"${patch.defaultBase}" is not a branch or commit in ${previous.path}. Pick one from the project's branch list.`,
          { base: patch.defaultBase },
        );
      }
      // Re-read after the await: another update may have landed meanwhile.
      const current = get(projectId);
      const project: Project = {
        ...current,
        name: patch.name ?? current.name,
        defaultBase: patch.defaultBase ?? current.defaultBase,
        settings: projectSettingsSchema.parse({ ...current.settings, ...patch.settings }),
      };
      rows.update(project);
      publisher.publish('project/updated', { project });
      notify((listener) => listener.updated?.(project, previous));
      return project;
    },

    async remove(projectId) {
      const project = get(projectId);
      const live = rows.countLiveThreads(projectId);
      if (live > 0) {
        throw new SkeinError(
          'PROJECT_HAS_THREADS',
          `"${project.name}" still has ${live} open thread(s). Archive or delete them before removing the project.`,
          { projectId, liveThreads: live },
        );
      }
      for (const listener of listeners) await listener.removing?.(project);
      rows.delete(projectId);
      publisher.publish('project/removed', { projectId });
    },

    async branches(projectId) {
      const project = get(projectId);
      const [current, branches] = await Promise.all([
        currentBranch(git, project.path),
        listBranches(git, project.path),
      ]);
      return { current, branches };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
