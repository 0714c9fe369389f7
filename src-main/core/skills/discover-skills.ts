import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Skill, SkillFile, SkillProblem, SkillRoot, SkillScope } from '../../../src-shared/contract';
import { hasNoErrors, parseSkill } from './parse-skill';

export const SKILL_FILE = 'SKILL.md';
/** Folders below a skills root searched for skills (Codex keeps its own under `skills/.system/<name>`). */
const MAX_SKILL_DEPTH = 2;
/** Files listed per skill; a skill with more is unusual (a vendored tree) and the list is cut. */
const MAX_LISTED_FILES = 500;
/** A SKILL.md larger than this is not read: the whole file goes into a turn's input. */
export const MAX_SKILL_FILE_BYTES = 1024 * 1024;
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** A skill as found on disk, before duplicates and enabled settings are applied. */
export type FoundSkill = Omit<Skill, 'shadowedBy' | 'shadows' | 'enabled' | 'enabledSource'>;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Skill folders (holding a SKILL.md) under `root`, sorted, not looking inside a skill. */
export async function findSkillFolders(root: string, depth = MAX_SKILL_DEPTH): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(root)).sort();
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    const folder = join(root, name);
    if (!(await isFolder(folder))) continue;
    if (await isFile(join(folder, SKILL_FILE))) found.push(folder);
    // Not through a symlinked folder: writes there would leave the skills folder (see skill-paths).
    else if (depth > 1 && !(await lstat(folder)).isSymbolicLink()) {
      found.push(...(await findSkillFolders(folder, depth - 1)));
    }
  }
  return found;
}

function fileKind(path: string): SkillFile['kind'] {
  const top = path.split('/')[0];
  if (top === 'scripts') return 'script';
  if (top === 'references') return 'reference';
  if (top === 'assets') return 'asset';
  return 'other';
}

/** The files of a skill's folder besides SKILL.md, relative and `/`-separated. */
export async function listSkillFiles(folder: string): Promise<SkillFile[]> {
  const files: SkillFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_LISTED_FILES) return;
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const path = relative(folder, full).split(sep).join('/');
        if (path === SKILL_FILE) continue;
        files.push({ path, size: (await stat(full)).size, kind: fileKind(path) });
      }
    }
  };
  await walk(folder);
  return files;
}

/** Reads SKILL.md within the size limit; a problem instead when it cannot be used. */
export async function readSkillFile(
  folder: string,
): Promise<{ content: string } | { problem: SkillProblem }> {
  const file = join(folder, SKILL_FILE);
  try {
    const info = await stat(file);
    if (info.size > MAX_SKILL_FILE_BYTES) {
      return {
        problem: {
          severity: 'error',
          code: 'file-too-large',
          message: `SKILL.md is ${info.size} bytes; keep it under ${MAX_SKILL_FILE_BYTES} and move details to references/.`,
          line: null,
          column: null,
        },
      };
    }
    return { content: await readFile(file, 'utf8') };
  } catch (error) {
    return {
      problem: {
        severity: 'error',
        code: 'file-unreadable',
        message: `SKILL.md cannot be read: ${(error as Error).message}`,
        line: null,
        column: null,
      },
    };
  }
}

/** One skill folder read and validated. */
export async function readSkill(folder: string, scope: SkillScope, root: string): Promise<FoundSkill> {
  const folderName = basename(folder);
  const read = await readSkillFile(folder);
  const parsed = 'content' in read ? parseSkill(read.content, folderName) : null;
  const problems = parsed ? parsed.problems : 'problem' in read ? [read.problem] : [];
  const front = parsed?.frontmatter;
  return {
    name: front?.name ?? folderName,
    description: front?.description ?? '',
    scope,
    root,
    path: folder,
    license: front?.license ?? null,
    compatibility: front?.compatibility ?? null,
    allowedTools: front?.allowedTools ?? null,
    metadata: front?.metadata ?? {},
    files: await listSkillFiles(folder),
    problems,
    valid: hasNoErrors(problems),
  };
}

/** Every skill of the given roots, in the roots' (precedence) order. */
export async function discoverSkills(roots: readonly SkillRoot[]): Promise<FoundSkill[]> {
  const found: FoundSkill[] = [];
  for (const root of roots) {
    if (!root.exists) continue;
    for (const folder of await findSkillFolders(root.path)) {
      found.push(await readSkill(folder, root.scope, root.path));
    }
  }
  return found;
}

/** Marks duplicates: the first skill of a name (in precedence order) wins, the others are shadowed by it. */
export function resolveDuplicates(
  found: readonly FoundSkill[],
): Array<FoundSkill & Pick<Skill, 'shadowedBy' | 'shadows'>> {
  const winners = new Map<string, FoundSkill & Pick<Skill, 'shadowedBy' | 'shadows'>>();
  return found.map((skill) => {
    const winner = winners.get(skill.name);
    if (!winner) {
      const entry = { ...skill, shadowedBy: null, shadows: [] as string[] };
      winners.set(skill.name, entry);
      return entry;
    }
    winner.shadows.push(skill.path);
    return { ...skill, shadowedBy: winner.path, shadows: [] };
  });
}
