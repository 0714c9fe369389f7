import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SkeinError } from '../../../../../src-shared/contract/errors';
import { createLogger } from '../../../log';
import type { FileState, FileWrite } from './plan-patch';

const log = createLogger('apply-patch');

/**
 * Writes every planned change, each through a temporary file renamed into place (a reader never
 * sees half a file). If one write fails, the files already written are put back as they were and
 * the folders this call created are removed, so a patch lands whole or not at all.
 */
export async function commitWrites(writes: readonly FileWrite[]): Promise<void> {
  const done: FileWrite[] = [];
  const createdDirs: string[] = [];
  for (const write of writes) {
    try {
      await putState(write.path, write.after, createdDirs);
      done.push(write);
    } catch (error) {
      const unrestored = await rollBack(done, createdDirs);
      throw writeFailure(write, error, done.length, unrestored);
    }
  }
}

async function putState(path: string, state: FileState, createdDirs: string[]): Promise<void> {
  if (!state.exists) {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    return;
  }
  await ensureDir(dirname(path), createdDirs);
  await writeFileAtomic(path, state.bytes, state.mode);
}

async function writeFileAtomic(path: string, bytes: Buffer, mode: number | null): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.skein-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    // Keep an edited script executable: the temp file was created with the default mode.
    if (mode !== null) await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** mkdir -p that records each folder it creates, so a rollback can remove exactly those. */
async function ensureDir(dir: string, createdDirs: string[]): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const stats = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stats?.isDirectory()) break;
    if (stats) throw Object.assign(new Error(`${current} exists and is not a folder`), { code: 'ENOTDIR' });
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    await mkdir(folder);
    createdDirs.push(folder);
  }
}

/** Restores in reverse order; returns the paths it could not restore (logged, and named to the caller). */
async function rollBack(done: readonly FileWrite[], createdDirs: readonly string[]): Promise<string[]> {
  const unrestored: string[] = [];
  for (const write of [...done].reverse()) {
    try {
      await putState(write.path, write.before, []);
    } catch (error) {
      log.error(`Could not restore ${write.path} after a failed patch`, error);
      unrestored.push(write.displayPath);
    }
  }
  for (const folder of [...createdDirs].reverse()) {
    await rmdir(folder).catch(() => undefined);
  }
  return unrestored;
}

function writeFailure(
  write: FileWrite,
  error: unknown,
  restoredCount: number,
  unrestored: readonly string[],
): SkeinError {
  const reason = error instanceof Error ? error.message : String(error);
  const outcome =
    unrestored.length === 0
      ? `The ${restoredCount} file(s) already written were restored, so nothing changed.`
      : `Some files could not be restored and may hold the patched content: ${unrestored.join(', ')}.`;
  return new SkeinError('INTERNAL', `Could not write ${write.displayPath}: ${reason}. ${outcome}`, {
    reason: 'write-failed',
    file: write.displayPath,
    unrestored,
  });
}
