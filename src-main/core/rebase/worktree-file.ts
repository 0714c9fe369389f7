import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { SkeinError } from '../../../src-shared/contract';

/** Bytes of a path git may hold; Linux PATH_MAX less the NUL. */
const MAX_PATH_BYTES = 4_095;

function outside(path: string, why: string): SkeinError {
  return new SkeinError(
    'PATH_OUTSIDE_WORKTREE',
    `${path.slice(0, 160)} is not a file inside the thread's worktree (${why}), so Skein will not touch it.`,
    { path },
  );
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The absolute location of a repository path in the worktree, refused (PATH_OUTSIDE_WORKTREE) when
 * it would leave it: an absolute path, `..`, a `.git` entry, or a folder on the way that is a link
 * pointing elsewhere. The last part may itself be a link: it is read with `readlink` and replaced
 * by `rename`, never followed.
 */
export async function locateInWorktree(worktree: string, path: string): Promise<string> {
  if (path.includes('\0') || Buffer.byteLength(path) > MAX_PATH_BYTES)
    throw outside(path, 'not a valid path');
  const parts = path.split('/');
  if (path.startsWith('/') || parts.some((part) => part === '..' || part === '' || part === '.')) {
    throw outside(path, 'it must be a plain relative path such as src/index.ts');
  }
  if (parts.some((part) => part.toLowerCase() === '.git')) throw outside(path, 'it is git metadata');
  const root = await realpath(worktree);
  const folder = dirname(join(root, path));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    // Not there yet (a resolution may bring back a deleted folder): its existing ancestors decide.
    realFolder = await realAncestor(folder);
  }
  if (!isInside(root, realFolder)) throw outside(path, 'a folder on the way links out of the worktree');
  return join(root, path);
}

async function realAncestor(folder: string): Promise<string> {
  let current = folder;
  let tail = '';
  for (;;) {
    try {
      return join(await realpath(current), tail);
    } catch {
      const parent = dirname(current);
      if (parent === current) throw new Error(`No existing folder above ${folder}`);
      tail = join(current.slice(parent.length + 1), tail);
      current = parent;
    }
  }
}

/** The file as it is on disk now (a link's target for a link); null when there is none. */
export async function readWorktreeFile(location: string): Promise<string | null> {
  try {
    const stats = await lstat(location);
    if (stats.isSymbolicLink()) return await readlink(location);
    if (!stats.isFile()) return null;
    return await readFile(location, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes the resolved content as a regular file. The new file is written beside the old one and
 * renamed over it, so a link in its place is replaced rather than written through, and a reader
 * never sees half a file.
 */
export async function writeWorktreeFile(worktree: string, location: string, content: string): Promise<void> {
  await mkdir(dirname(location), { recursive: true });
  const stats = await lstat(location).catch(() => null);
  if (stats?.isDirectory()) {
    throw new SkeinError(
      'INVALID_STATE',
      `${relative(worktree, location)} is a folder in the worktree; move it away, then resolve the file again.`,
      { path: location },
    );
  }
  const scratch = join(dirname(location), `.skein-resolve-${randomUUID()}`);
  try {
    await writeFile(scratch, content, { mode: stats?.isFile() ? stats.mode & 0o777 : 0o644 });
    await rename(scratch, location);
  } finally {
    await rm(scratch, { force: true });
  }
}
