import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { SkeinError } from '../../../src-shared/contract';
import {
  changedPaths,
  gitStderr,
  refreshIndex,
  switchIndexAndFiles,
  worktreeStatus,
  type TreeChange,
} from '../git';
import type { MergeContext } from './merge-context';
import { describePaths } from './merge-state';

/** A worktree that has a branch checked out, and whether it can follow the branch to a new commit. */
export interface CheckoutInspection {
  path: string;
  /** Tracked files with staged or unstaged changes (or unresolved conflicts). */
  changed: string[];
  /** Untracked or ignored files (or folders) at paths the new commit writes. */
  collisions: string[];
  clean: boolean;
}

async function pathKind(path: string): Promise<'file' | 'directory' | null> {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return null;
  }
}

/**
 * Files on disk that moving a clean checkout from one commit to another would overwrite: something
 * already sits where the move adds a path, or a file sits where it needs a folder. Ignored files
 * count too: git would overwrite them, and they can be work (a local config, notes).
 */
export async function findCollisions(root: string, changes: TreeChange[]): Promise<string[]> {
  const removed = new Set(changes.filter((change) => change.status === 'D').map((change) => change.path));
  const collisions = new Set<string>();
  for (const change of changes) {
    if (change.status !== 'A') continue;
    if ((await pathKind(join(root, change.path))) !== null) {
      collisions.add(change.path);
      continue;
    }
    const parts = change.path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join('/');
      if (removed.has(folder)) break;
      const kind = await pathKind(join(root, folder));
      if (kind === 'directory') continue;
      if (kind === 'file') collisions.add(folder);
      break;
    }
  }
  return [...collisions];
}

/** Can the checkout at `path` (currently at `from`, as its branch) move to `to` without losing anything? */
export async function inspectCheckout(
  context: MergeContext,
  path: string,
  from: string,
  to: string,
): Promise<CheckoutInspection> {
  const status = await worktreeStatus(context.git, path, { untracked: 'no' });
  const changed = [...status.changed, ...status.conflicted];
  const collisions = await findCollisions(path, await changedPaths(context.git, path, from, to));
  return { path, changed, collisions, clean: changed.length === 0 && collisions.length === 0 };
}

/** The error for a checkout that must not be touched; nothing has changed when it is thrown. */
export function dirtyCheckoutError(branch: string, inspection: CheckoutInspection): SkeinError {
  const details = { path: inspection.path, changed: inspection.changed, collisions: inspection.collisions };
  if (inspection.changed.length > 0) {
    return new SkeinError(
      'WORKTREE_DIRTY',
      `${branch} is checked out in ${inspection.path}, which has uncommitted changes (${describePaths(inspection.changed)}). Commit or stash them there, then merge again. Nothing was changed.`,
      details,
    );
  }
  return new SkeinError(
    'WORKTREE_DIRTY',
    `${branch} is checked out in ${inspection.path}, where the merge would overwrite files that git does not track (${describePaths(inspection.collisions)}). Move them away, then merge again. Nothing was changed.`,
    details,
  );
}

/**
 * Checks with git itself (a dry run) that the clean checkout can move from `from` to `to`. Only the
 * index's stat cache is refreshed, which is what any `git status` there would do.
 */
export async function verifyCheckoutCanMove(
  context: MergeContext,
  branch: string,
  path: string,
  from: string,
  to: string,
): Promise<void> {
  try {
    await refreshIndex(context.git, path);
    await switchIndexAndFiles(context.git, path, from, to, { dryRun: true });
  } catch (error) {
    const said = gitStderr(error).trim();
    if (!said) throw error;
    throw new SkeinError(
      'WORKTREE_DIRTY',
      `${branch} is checked out in ${path}, and git cannot bring that checkout to the merged commit: ${said} Nothing was changed.`,
      { path, stderr: said },
    );
  }
}
