import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SkeinError, type SkillImportPreview } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { findSkillFolders, readSkill, SKILL_FILE } from './discover-skills';

/** How long a preview's clone is kept for the user to choose from; then it is removed. */
const PREVIEW_TTL_MS = 15 * 60_000;
/** Repositories of skills nest them a few folders down (`skills/<name>`, `.agents/skills/<name>`). */
const SOURCE_SEARCH_DEPTH = 4;
/**
 * A clone that takes longer is given up: a skills repository is small, and a server that never answers
 * (or an SSH host that waits for a password nobody will type) must not hold the import forever.
 */
export const CLONE_TIMEOUT_MS = 120_000;
/** Remote URLs git may clone: the usual transports only (no `ext::`, no option-looking sources). */
const REMOTE_URL = /^(https?|ssh|git|file):\/\/[^\s]+$|^[\w.-]+@[\w.-]+:[^\s]+$/;

export interface ImportPreviewEntry {
  preview: SkillImportPreview;
  /** Skill name -> its folder in the source. */
  folders: Map<string, string>;
  /** The temporary clone to remove, null for a plain local folder. */
  tempDir: string | null;
  timer: NodeJS.Timeout;
}

/** The folder is a repository's root (a checkout, or a bare repository); a folder inside one is not. */
async function isRepositoryRoot(git: GitQueue, path: string): Promise<boolean> {
  if (existsSync(join(path, '.git'))) return true;
  const result = await git.run(['rev-parse', '--git-dir'], { cwd: path, allowedExitCodes: [128] });
  return result.exitCode === 0 && result.stdout.trim() === '.';
}

/** Clones or reads import sources and keeps their previews until they are used or expire. */
export function createSkillImports(git: GitQueue, cloneTimeoutMs = CLONE_TIMEOUT_MS) {
  const previews = new Map<string, ImportPreviewEntry>();

  const drop = async (id: string): Promise<void> => {
    const entry = previews.get(id);
    if (!entry) return;
    previews.delete(id);
    clearTimeout(entry.timer);
    if (entry.tempDir) await rm(entry.tempDir, { recursive: true, force: true });
  };

  const clone = async (source: string): Promise<{ dir: string; tempDir: string; commit: string }> => {
    const tempDir = await mkdtemp(join(tmpdir(), 'skein-skill-import-'));
    const dir = join(tempDir, 'source');
    const timeout = AbortSignal.timeout(cloneTimeoutMs);
    try {
      await git.run(['clone', '--depth', '1', '--quiet', '--', source, dir], {
        cwd: tempDir,
        // No prompts: there is no terminal to answer them. The user's own SSH command is kept.
        env: {
          GIT_TERMINAL_PROMPT: '0',
          ...(process.env.GIT_SSH_COMMAND ? {} : { GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' }),
        },
        signal: timeout,
      });
      const { stdout } = await git.run(['rev-parse', 'HEAD'], { cwd: dir });
      return { dir, tempDir, commit: stdout.trim() };
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true });
      if (timeout.aborted) {
        throw new SkeinError(
          'GIT_FAILED',
          `Cloning ${source} took longer than ${cloneTimeoutMs / 1000} s and was stopped. Check the address and your network, or clone it yourself and import the folder.`,
          { source },
        );
      }
      throw new SkeinError(
        'GIT_FAILED',
        `Could not clone ${source}: ${(error as Error).message.split('\n')[0] ?? 'git failed'}. Check the address and your access to it.`,
        { source },
      );
    }
  };

  return {
    async preview(source: string): Promise<SkillImportPreview> {
      let dir: string;
      let tempDir: string | null = null;
      let commit: string | null = null;
      const local = isAbsolute(source) ? resolve(source) : null;
      if (local) {
        if (!existsSync(local) || !statSync(local).isDirectory()) {
          throw new SkeinError(
            'PATH_NOT_FOUND',
            `${local} is not a folder; give a folder of skills or a git repository.`,
          );
        }
        if (await isRepositoryRoot(git, local)) ({ dir, tempDir, commit } = await clone(local));
        else dir = local;
      } else if (REMOTE_URL.test(source) && !source.startsWith('-')) {
        ({ dir, tempDir, commit } = await clone(source));
      } else {
        throw new SkeinError(
          'INVALID_STATE',
          `"${source}" is neither a git URL (https://, ssh://, git@host:path) nor an absolute folder path.`,
        );
      }
      const folders = existsSync(join(dir, SKILL_FILE))
        ? [dir]
        : await findSkillFolders(dir, SOURCE_SEARCH_DEPTH);
      const byName = new Map<string, string>();
      const skills: SkillImportPreview['skills'] = [];
      for (const folder of folders) {
        const skill = await readSkill(folder, 'user', dir);
        // The same name twice in one source: the first (shallowest, alphabetical) is offered.
        if (byName.has(skill.name)) continue;
        byName.set(skill.name, folder);
        skills.push({
          name: skill.name,
          description: skill.description,
          relativePath: relative(dir, folder).split(sep).join('/') || basename(folder),
          files: skill.files,
          problems: skill.problems,
          valid: skill.valid,
        });
      }
      const id = randomUUID();
      const preview: SkillImportPreview = {
        previewId: id,
        source,
        commit,
        skills,
        expiresAt: Date.now() + PREVIEW_TTL_MS,
      };
      const timer = setTimeout(() => void drop(id), PREVIEW_TTL_MS);
      timer.unref();
      previews.set(id, { preview, folders: byName, tempDir, timer });
      return preview;
    },

    get(previewId: string): ImportPreviewEntry {
      const entry = previews.get(previewId);
      if (!entry) {
        throw new SkeinError(
          'NOT_FOUND',
          'This import preview has expired or was used; preview the source again.',
          {
            previewId,
          },
        );
      }
      return entry;
    },

    drop,

    async dispose(): Promise<void> {
      await Promise.all([...previews.keys()].map((id) => drop(id)));
    },
  };
}

export type SkillImports = ReturnType<typeof createSkillImports>;
