import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SkeinError } from '../../../../src-shared/contract/errors';

/** Linux PATH_MAX (bytes, including the terminating NUL); macOS allows 1024, so this is the looser bound. */
const MAX_PATH_BYTES = 4095;
/** NAME_MAX on ext4, APFS, btrfs and xfs: one path component, in bytes. */
const MAX_NAME_BYTES = 255;
/** The kernel gives up after 40 symlink hops (ELOOP); following dangling links by hand uses the same bound. */
const MAX_SYMLINK_HOPS = 40;
/** Requested paths quoted in error sentences are cut to this many characters so a hostile path cannot flood a message. */
const QUOTE_LIMIT = 160;

export interface ConfineOptions {
  /** Refuse `.git` entries (hooks, config, the gitdir pointer): set by every tool that writes. */
  forWrite?: boolean;
}

/**
 * Resolves `requested` against the worktree and returns the real absolute path, refusing anything
 * that would end outside it. Every existing part of the path is resolved through its symlinks
 * (a link inside the worktree pointing at /etc counts as outside); the not-yet-existing tail is
 * appended, so a tool can create new files. Callers must use the returned path, not `requested`.
 */
export async function resolveInWorktree(
  worktreeRoot: string,
  requested: string,
  options: ConfineOptions = {},
): Promise<string> {
  checkShape(requested);
  const root = await realWorktreeRoot(worktreeRoot);
  const candidate = lexicalCandidate(worktreeRoot, root, requested);
  checkNameLengths(requested, candidate);
  if (!isInside(root, candidate)) throw outside(requested, root);

  const real = await realpathOfDeepestAncestor(candidate, requested, root);
  if (!isInside(root, real)) throw outside(requested, root, true);
  if (options.forWrite) refuseGitMetadata(requested, root, real);
  return real;
}

/** True when `candidate` is `root` or below it (both absolute and normalized). */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return candidate.startsWith(prefix);
}

function checkShape(requested: string): void {
  if (requested.includes('\0')) {
    throw new SkeinError(
      'INVALID_PARAMS',
      'The path contains a NUL byte; send a plain relative path such as src/index.ts.',
      {
        reason: 'nul-byte',
      },
    );
  }
  if (requested.trim() === '') {
    throw new SkeinError(
      'INVALID_PARAMS',
      'The path is empty; send a path relative to the worktree, such as src/index.ts.',
      {
        reason: 'empty',
      },
    );
  }
  if (Buffer.byteLength(requested) > MAX_PATH_BYTES) {
    throw new SkeinError(
      'INVALID_PARAMS',
      `The path is ${Buffer.byteLength(requested)} bytes long; paths may be at most ${MAX_PATH_BYTES} bytes.`,
      {
        reason: 'path-too-long',
      },
    );
  }
}

async function realWorktreeRoot(worktreeRoot: string): Promise<string> {
  try {
    return await realpath(worktreeRoot);
  } catch {
    throw new SkeinError(
      'PATH_NOT_FOUND',
      `The worktree ${worktreeRoot} does not exist; the thread may have been deleted.`,
      {
        worktreeRoot,
      },
    );
  }
}

/**
 * An absolute path spelled through the worktree's unresolved name (/tmp/wt/x when the real root is
 * /private/tmp/wt on macOS) is rebased onto the real root, so it is judged by where it points.
 */
function lexicalCandidate(worktreeRoot: string, root: string, requested: string): string {
  if (isAbsolute(requested)) {
    const spelled = resolve(worktreeRoot);
    const target = resolve(requested);
    if (spelled !== root && isInside(spelled, target)) return join(root, relative(spelled, target));
    return target;
  }
  return resolve(root, requested);
}

function checkNameLengths(requested: string, candidate: string): void {
  for (const name of candidate.split(sep)) {
    if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
      throw new SkeinError(
        'INVALID_PARAMS',
        `The path ${quote(requested)} has a name of ${Buffer.byteLength(name)} bytes; each file or folder name may be at most ${MAX_NAME_BYTES} bytes.`,
        { reason: 'name-too-long' },
      );
    }
  }
}

/**
 * Walks up from `candidate` to the deepest part that exists, realpaths it and appends the rest.
 * A dangling symlink on the way is followed by hand: writing through it would create its target.
 */
async function realpathOfDeepestAncestor(
  candidate: string,
  requested: string,
  root: string,
): Promise<string> {
  let current = candidate;
  let tail: string[] = [];
  let hops = 0;
  for (;;) {
    try {
      return join(await realpath(current), ...tail);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw symlinkLoop(requested);
      if (!isMissing(error)) throw error;
    }
    const danglingTarget = await symlinkTarget(current);
    if (danglingTarget !== null) {
      hops += 1;
      if (hops > MAX_SYMLINK_HOPS) throw symlinkLoop(requested);
      const next = resolve(dirname(current), danglingTarget);
      if (!isInside(root, next)) throw outside(requested, root, true);
      current = next;
      continue;
    }
    const parent = dirname(current);
    if (parent === current) return join(current, ...tail);
    tail = [basename(current), ...tail];
    current = parent;
  }
}

async function symlinkTarget(path: string): Promise<string | null> {
  try {
    const stats = await lstat(path);
    return stats.isSymbolicLink() ? await readlink(path) : null;
  } catch {
    return null;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** `.git` anywhere in the path: the worktree's pointer file, a nested repository, or a planted one. */
function refuseGitMetadata(requested: string, root: string, real: string): void {
  const names = relative(root, real).split(sep);
  if (names.some((name) => name.toLowerCase() === '.git')) {
    throw new SkeinError(
      'PATH_OUTSIDE_WORKTREE',
      `The path ${quote(requested)} is inside git metadata (.git); tools may not write there. Change files of the project instead, and use git commands to commit.`,
      { reason: 'git-metadata', requested: truncate(requested), worktreeRoot: root },
    );
  }
}

function symlinkLoop(requested: string): SkeinError {
  return new SkeinError(
    'INVALID_PARAMS',
    `The path ${quote(requested)} goes through a loop of symbolic links.`,
    { reason: 'symlink-loop' },
  );
}

function outside(requested: string, root: string, throughSymlink = false): SkeinError {
  const how = throughSymlink ? ' (through a symbolic link)' : '';
  return new SkeinError(
    'PATH_OUTSIDE_WORKTREE',
    `The path ${quote(requested)} is outside this thread's worktree${how}; use paths inside ${root}.`,
    { reason: throughSymlink ? 'symlink' : 'outside', requested: truncate(requested), worktreeRoot: root },
  );
}

function quote(requested: string): string {
  return truncate(requested);
}

function truncate(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
}
