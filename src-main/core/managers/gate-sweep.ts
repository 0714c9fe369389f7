import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pruneWorktrees, removeWorktree, type GitQueue } from '../git';
import { createLogger } from '../log';

const log = createLogger('managers');

/** A scratch worktree a gate left behind, with the repository it belongs to (null: its manager is gone). */
export interface LeftoverScratch {
  path: string;
  repoPath: string | null;
}

/**
 * The gate scratch worktrees on disk now (`<data>/gates/<manager>/<id>`). Read once at start-up,
 * before any gate of this host can run: every one listed was cut off by a stop or a crash.
 */
export function listGateScratches(
  dataDir: string,
  repoOf: (managerThreadId: string) => string | null,
): LeftoverScratch[] {
  const root = join(dataDir, 'gates');
  const found: LeftoverScratch[] = [];
  let managers: string[];
  try {
    managers = readdirSync(root);
  } catch {
    return found;
  }
  for (const manager of managers) {
    let scratches: string[];
    try {
      scratches = readdirSync(join(root, manager));
    } catch {
      continue;
    }
    const repoPath = repoOf(manager);
    for (const scratch of scratches) found.push({ path: join(root, manager, scratch), repoPath });
  }
  return found;
}

/**
 * Removes leftover scratch worktrees. They hold nothing of anyone's: the merged commit stays under
 * the gate's ref, and the workers' own worktrees are untouched. git forgets them too (`worktree
 * remove`; `worktree prune` when the folder was already half gone).
 */
export async function sweepGateScratches(
  git: GitQueue,
  leftovers: readonly LeftoverScratch[],
): Promise<void> {
  for (const { path, repoPath } of leftovers) {
    try {
      if (repoPath) await removeWorktree(git, repoPath, path);
    } catch (error) {
      log.warn(`Could not remove the gate scratch worktree ${path} through git; deleting the folder`, error);
    }
    await rm(path, { recursive: true, force: true });
    if (repoPath) await pruneWorktrees(git, repoPath).catch(() => undefined);
  }
}
