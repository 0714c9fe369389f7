import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Project } from '../../../src-shared/contract';

/**
 * `<data>/worktrees/<repo>-<hash>`: outside the repository, so the user's watchers and builds
 * never see thread worktrees. The hash of the repository path keeps two repos named alike apart.
 */
export function projectWorktreeRoot(dataDir: string, project: Pick<Project, 'path'>): string {
  const worktrees = join(dataDir, 'worktrees');
  mkdirSync(worktrees, { recursive: true });
  // Real path, because git reports worktree paths resolved and we compare against them.
  const name = basename(project.path).replace(/[^A-Za-z0-9._-]+/g, '-') || 'repo';
  const hash = createHash('sha1').update(project.path).digest('hex').slice(0, 8);
  return join(realpathSync(worktrees), `${name}-${hash}`);
}

/** Whether two paths name the same folder (git may report a resolved form of a path we stored). */
export function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
