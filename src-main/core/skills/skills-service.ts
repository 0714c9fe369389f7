import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  SkeinError,
  type MethodParams,
  type Skill,
  type SkillDetail,
  type SkillProblem,
  type SkillRoot,
  type SkillScope,
  type SkillTrashEntry,
} from '../../../src-shared/contract';
import type { Publisher } from '../events';
import { createLogger } from '../log';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';
import type { AgentSkill } from './agent-skills';
import { discoverSkills, readSkill, resolveDuplicates, SKILL_FILE } from './discover-skills';
import { parseSkill } from './parse-skill';
import {
  copySkillFolder,
  createSkillFolder,
  freeCopyName,
  renameSkillFolder,
  requireSkillFolder,
  writeSkillFile,
} from './skill-edits';
import { createSkillImports } from './skill-imports';
import { locateSkillFolder, type KnownRoot } from './skill-paths';
import { skillRoots, targetRoot, type RepoPlace, type SkillHomes } from './skill-roots';
import { createSkillSettings } from './skill-settings';
import { createSkillTrash, type SkillTrash } from './skill-trash';
import { createSkillWatcher } from './skill-watcher';

const log = createLogger('skills');

export interface SkillServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  projects: Pick<ProjectService, 'get' | 'list'>;
  threads: Pick<ThreadService, 'get' | 'list'>;
  dataDir: string;
  homes: SkillHomes;
}

/** The project and/or thread a request is about. */
export interface SkillContext {
  projectId?: string;
  threadId?: string;
}
type Target = SkillContext & { scope: SkillScope };
type ImportParams = MethodParams<'skills/import'>;

export interface SkillService {
  list(context: SkillContext): Promise<{ skills: Skill[]; roots: SkillRoot[] }>;
  get(path: string, context: SkillContext): Promise<SkillDetail>;
  validate(content: string, folderName: string): SkillProblem[];
  create(target: Target, name: string, description: string): Promise<SkillDetail>;
  save(
    path: string,
    content: string,
    context: SkillContext,
  ): Promise<{ skill: Skill; problems: SkillProblem[] }>;
  duplicate(path: string, newName: string | undefined, context: SkillContext): Promise<SkillDetail>;
  rename(path: string, newName: string, context: SkillContext): Promise<SkillDetail>;
  remove(path: string): Promise<SkillTrashEntry>;
  trash(): Promise<SkillTrashEntry[]>;
  restore(trashId: string): Promise<{ path: string }>;
  setEnabled(target: { projectId: string; threadId?: string }, name: string, enabled: boolean | null): void;
  importPreview: ReturnType<typeof createSkillImports>['preview'];
  importSkills(params: ImportParams): Promise<Skill[]>;
  copyTo(path: string, target: Target): Promise<SkillDetail>;
  /** Enabled, valid, winning skills of a thread, SKILL.md included: what its agent gets. */
  forThread(threadId: string): Promise<AgentSkill[]>;
  dispose(): Promise<void>;
}

export function createSkillService(deps: SkillServiceDeps): SkillService {
  const settings = createSkillSettings(deps.db);
  const trash: SkillTrash = createSkillTrash(join(deps.dataDir, 'skill-trash'));
  const purging = trash.purge(Date.now()).then(
    (purged) => {
      if (purged.length > 0) log.info(`Removed ${purged.length} skill(s) deleted more than 30 days ago`);
    },
    (error: unknown) => log.warn('Emptying old skills from the trash failed', error),
  );
  const imports = createSkillImports(deps.git);
  const watcher = createSkillWatcher((roots) => deps.publisher.publish('skills/changed', { roots }));
  const changed = (...roots: string[]) => deps.publisher.publish('skills/changed', { roots });

  /** The repository a context points at: a thread's worktree, or the project's checkout. */
  const place = (context: SkillContext): { repo: RepoPlace | null; projectId: string | null } => {
    if (context.threadId) {
      const thread = deps.threads.get(context.threadId);
      return { repo: { root: thread.worktreePath, cwd: thread.worktreePath }, projectId: thread.projectId };
    }
    if (context.projectId) {
      const project = deps.projects.get(context.projectId);
      return { repo: { root: project.path, cwd: project.path }, projectId: project.id };
    }
    return { repo: null, projectId: null };
  };

  /** Every skills folder a client may name: the user's and those of each project and live thread. */
  const knownRoots = (): KnownRoot[] => {
    const roots: KnownRoot[] = skillRoots(deps.homes, null).map((root) => ({
      scope: root.scope,
      path: root.path,
    }));
    for (const project of deps.projects.list()) {
      for (const root of skillRoots(deps.homes, { root: project.path, cwd: project.path })) {
        if (root.scope === 'repo' || root.scope === 'repo-claude')
          roots.push({ ...root, projectId: project.id });
      }
    }
    for (const thread of deps.threads.list({})) {
      for (const root of skillRoots(deps.homes, { root: thread.worktreePath, cwd: thread.worktreePath })) {
        if (root.scope === 'repo' || root.scope === 'repo-claude')
          roots.push({ ...root, projectId: thread.projectId, threadId: thread.id });
      }
    }
    return roots;
  };

  const collect = async (context: SkillContext) => {
    const { repo, projectId } = place(context);
    const roots = skillRoots(deps.homes, repo);
    const enabledOf = settings.resolver(projectId, context.threadId ?? null);
    const skills = resolveDuplicates(await discoverSkills(roots)).map((skill) => ({
      ...skill,
      ...enabledOf(skill.name),
    }));
    return { skills, roots };
  };

  /** A listing for a client, who will want to hear of changes: its folders are watched from now on. */
  const list = async (context: SkillContext) => {
    const listing = await collect(context);
    await watcher.watchRoots(listing.roots.map((root) => root.path));
    return listing;
  };

  /** The skill at `path` as a listing of its context shows it (duplicates, enabled state). */
  const detail = async (path: string, context: SkillContext): Promise<SkillDetail> => {
    const root = locateSkillFolder(path, knownRoots());
    requireSkillFolder(path);
    const owner =
      context.threadId || context.projectId
        ? context
        : { projectId: root.projectId, threadId: root.threadId };
    const listed = (await list(owner)).skills.find((skill) => skill.path === path);
    const skill: Skill = listed ?? {
      ...(await readSkill(path, root.scope, root.path)),
      shadowedBy: null,
      shadows: [],
      ...settings.resolver(owner.projectId ?? null, owner.threadId ?? null)(basename(path)),
    };
    return { skill, content: await readFile(join(path, SKILL_FILE), 'utf8') };
  };

  const rootFor = (target: Target): string => {
    const { repo } = place(target);
    const root = targetRoot(deps.homes, target.scope, repo?.root ?? null);
    if (!root) {
      throw new SkeinError(
        'INVALID_STATE',
        `Choose a project (or thread) to put a skill in its repository's folder.`,
        {
          scope: target.scope,
        },
      );
    }
    return root;
  };

  return {
    list,
    get: detail,
    validate: (content, folderName) => parseSkill(content, folderName).problems,

    async create(target, name, description) {
      const root = rootFor(target);
      const folder = await createSkillFolder(root, name, description);
      await watcher.watchRoots([root]);
      changed(root);
      return detail(folder, target);
    },

    async save(path, content, context) {
      const root = locateSkillFolder(path, knownRoots());
      requireSkillFolder(path);
      // Saved even with problems: the user's text is never lost; the problems keep it from the agent.
      await writeSkillFile(path, content);
      changed(root.path);
      const { skill } = await detail(path, context);
      return { skill, problems: parseSkill(content, basename(path)).problems };
    },

    async duplicate(path, newName, context) {
      const root = locateSkillFolder(path, knownRoots());
      requireSkillFolder(path);
      const target = join(path, '..', newName ?? freeCopyName(path));
      await copySkillFolder(path, target);
      changed(root.path);
      return detail(target, context);
    },

    async rename(path, newName, context) {
      const root = locateSkillFolder(path, knownRoots());
      requireSkillFolder(path);
      const target = await renameSkillFolder(path, newName);
      changed(root.path);
      return detail(target, context);
    },

    async remove(path) {
      const root = locateSkillFolder(path, knownRoots());
      requireSkillFolder(path);
      const skill = await readSkill(path, root.scope, root.path);
      const entry = await trash.put(path, skill.name, root.scope);
      changed(root.path);
      return entry;
    },

    trash: () => trash.list(),

    async restore(trashId) {
      const entry = await trash.restore(trashId);
      changed(dirname(entry.originalPath));
      return { path: entry.originalPath };
    },

    setEnabled(target, name, enabled) {
      if (target.threadId && deps.threads.get(target.threadId).projectId !== target.projectId) {
        throw new SkeinError('INVALID_STATE', 'That thread belongs to another project.', target);
      }
      deps.projects.get(target.projectId);
      settings.set(target, name, enabled);
      changed();
    },

    importPreview: (source) => imports.preview(source),

    async importSkills(params) {
      const entry = imports.get(params.previewId);
      const root = rootFor(params);
      const chosen = params.names.map((name) => {
        const folder = entry.folders.get(name);
        if (!folder) throw new SkeinError('NOT_FOUND', `The source has no skill named "${name}".`, { name });
        return { name, folder };
      });
      // All or nothing: every name is checked before the first copy.
      for (const { name } of chosen) {
        if (existsSync(join(root, name))) {
          throw new SkeinError(
            'INVALID_STATE',
            `"${name}" is already in ${root}; delete or rename it first.`,
            {
              name,
            },
          );
        }
      }
      for (const { name, folder } of chosen) await copySkillFolder(folder, join(root, name));
      await watcher.watchRoots([root]);
      changed(root);
      const installed = new Set(chosen.map(({ name }) => join(root, name)));
      return (await list(params)).skills.filter((skill) => installed.has(skill.path));
    },

    async copyTo(path, target) {
      locateSkillFolder(path, knownRoots());
      requireSkillFolder(path);
      const root = rootFor(target);
      const destination = join(root, basename(path));
      await copySkillFolder(path, destination);
      await watcher.watchRoots([root]);
      changed(root);
      return detail(destination, target);
    },

    async forThread(threadId) {
      const { skills } = await collect({ threadId });
      const usable = skills.filter((skill) => skill.valid && skill.enabled && skill.shadowedBy === null);
      const result: AgentSkill[] = [];
      for (const skill of usable) {
        try {
          const content = await readFile(join(skill.path, SKILL_FILE), 'utf8');
          result.push({
            name: skill.name,
            description: skill.description,
            scope: skill.scope,
            path: skill.path,
            content,
          });
        } catch {
          // Removed since the listing: the next turn will not list it either.
        }
      }
      return result;
    },

    async dispose() {
      await watcher.close();
      await imports.dispose();
      await purging;
    },
  };
}
