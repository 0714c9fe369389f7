import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SkeinError } from '../../../src-shared/contract';
import { SKILL_FILE } from './discover-skills';
import { MAX_NAME_CHARS } from './parse-skill';
import { skillTemplate, withSkillName } from './skill-text';

/** Writes through a temporary file and a rename, so a crash never leaves half a SKILL.md. */
export async function writeSkillFile(folder: string, content: string): Promise<void> {
  const file = join(folder, SKILL_FILE);
  const temp = join(folder, `.${SKILL_FILE}.${process.pid}.tmp`);
  await writeFile(temp, content);
  await rename(temp, file);
}

function refuseExisting(folder: string): void {
  if (existsSync(folder)) {
    throw new SkeinError(
      'INVALID_STATE',
      `A skill folder named "${basename(folder)}" is already in ${dirname(folder)}; choose another name or remove it first.`,
      { path: folder },
    );
  }
}

export function requireSkillFolder(folder: string): void {
  if (!existsSync(join(folder, SKILL_FILE))) {
    throw new SkeinError('NOT_FOUND', `${folder} holds no SKILL.md; refresh the skills list.`, {
      path: folder,
    });
  }
}

export async function createSkillFolder(root: string, name: string, description: string): Promise<string> {
  const folder = join(root, name);
  refuseExisting(folder);
  await mkdir(folder, { recursive: true });
  await writeSkillFile(folder, skillTemplate(name, description));
  return folder;
}

/** Copies a skill folder to `target` (a new folder) and sets its frontmatter name to the folder's name. */
export async function copySkillFolder(source: string, target: string): Promise<void> {
  refuseExisting(target);
  await mkdir(dirname(target), { recursive: true });
  await cp(source, target, {
    recursive: true,
    errorOnExist: true,
    force: false,
    filter: (path) => basename(path) !== '.git',
  });
  const content = await readFile(join(target, SKILL_FILE), 'utf8');
  const renamed = withSkillName(content, basename(target));
  if (renamed !== content) await writeSkillFile(target, renamed);
}

export async function renameSkillFolder(folder: string, newName: string): Promise<string> {
  const target = join(dirname(folder), newName);
  if (target === folder) return folder;
  refuseExisting(target);
  await rename(folder, target);
  const content = await readFile(join(target, SKILL_FILE), 'utf8');
  await writeSkillFile(target, withSkillName(content, newName));
  return target;
}

/** `<name>-copy`, `<name>-copy-2`, … : the first free name next to the skill. */
export function freeCopyName(folder: string): string {
  const base = basename(folder).slice(0, MAX_NAME_CHARS - 8);
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}-copy` : `${base}-copy-${n}`;
    if (!existsSync(join(dirname(folder), name))) return name;
  }
}
