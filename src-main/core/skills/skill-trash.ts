import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  SkeinError,
  skillTrashEntrySchema,
  type SkillScope,
  type SkillTrashEntry,
} from '../../../src-shared/contract';

const ENTRY_FILE = 'entry.json';
/**
 * How long a deleted skill stays restorable: the month a desktop trash usually keeps things. Older
 * entries are removed when the host starts, so the trash does not grow without end.
 */
export const SKILL_TRASH_KEEP_MS = 30 * 24 * 60 * 60_000;
const CONTENT_FOLDER = 'skill';

/** Moves a folder, across file systems too (the data folder and HOME may be on different disks). */
export async function moveFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

/** Deleted skills under `<data>/skill-trash/<id>/`: the folder as it was, and where it came from. */
export function createSkillTrash(trashDir: string) {
  return {
    async put(folder: string, name: string, scope: SkillScope): Promise<SkillTrashEntry> {
      const entry: SkillTrashEntry = {
        id: randomUUID(),
        name,
        scope,
        originalPath: folder,
        deletedAt: Date.now(),
      };
      const dir = join(trashDir, entry.id);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, ENTRY_FILE), JSON.stringify(entry, null, 2));
      await moveFolder(folder, join(dir, CONTENT_FOLDER));
      return entry;
    },

    async list(): Promise<SkillTrashEntry[]> {
      let ids: string[];
      try {
        ids = await readdir(trashDir);
      } catch {
        return [];
      }
      const entries: SkillTrashEntry[] = [];
      for (const id of ids) {
        const entry = await this.get(id).catch(() => null);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => b.deletedAt - a.deletedAt);
    },

    async get(id: string): Promise<SkillTrashEntry> {
      if (!/^[0-9a-f-]{36}$/.test(id))
        throw new SkeinError('NOT_FOUND', 'No deleted skill has this id.', { id });
      try {
        const raw: unknown = JSON.parse(await readFile(join(trashDir, id, ENTRY_FILE), 'utf8'));
        return skillTrashEntrySchema.parse(raw);
      } catch {
        throw new SkeinError(
          'NOT_FOUND',
          'No deleted skill has this id; it may have been restored already.',
          { id },
        );
      }
    },

    async restore(id: string): Promise<SkillTrashEntry> {
      const entry = await this.get(id);
      if (existsSync(entry.originalPath)) {
        throw new SkeinError(
          'INVALID_STATE',
          `A folder is at ${entry.originalPath} now; rename or delete it, then restore "${entry.name}" again.`,
          { path: entry.originalPath },
        );
      }
      await moveFolder(join(trashDir, id, CONTENT_FOLDER), entry.originalPath);
      await rm(join(trashDir, id), { recursive: true, force: true });
      return entry;
    },

    /** Removes entries deleted before `now - keepMs`; returns them. Unreadable entries are left alone. */
    async purge(now: number, keepMs = SKILL_TRASH_KEEP_MS): Promise<SkillTrashEntry[]> {
      const old = (await this.list()).filter((entry) => entry.deletedAt < now - keepMs);
      for (const entry of old) await rm(join(trashDir, entry.id), { recursive: true, force: true });
      return old;
    },
  };
}

export type SkillTrash = ReturnType<typeof createSkillTrash>;
