import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Project, Thread } from '../../../src-shared/contract';
import { describeSkippedIgnored, snapshotWorktree, type WorktreeSnapshot } from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import { confineToRepository } from './setup';

const log = createLogger('threads');

/**
 * Setup files whose worktree copy still matches the main checkout's: setup copies them again into any
 * restored thread, so keeping them would only turn every clean delete into a trash entry. An edited
 * copy differs, and is kept like any other ignored file.
 */
async function unchangedSetupFiles(project: Project, worktree: string): Promise<Set<string>> {
  const same = new Set<string>();
  for (const file of project.settings.setupFiles) {
    const source = confineToRepository(project.path, file);
    const target = confineToRepository(worktree, file);
    if (!source || !target) continue;
    const [a, b] = await Promise.all([
      readFile(source).catch(() => null),
      readFile(target).catch(() => null),
    ]);
    if (a && b && a.equals(b)) same.add(relative(worktree, target).split('\\').join('/'));
  }
  return same;
}

export interface RemovalSnapshot {
  snapshot: WorktreeSnapshot;
  /** "N ignored files or folders not kept (…)", or null when every ignored file was kept. */
  notKept: string | null;
}

/**
 * The snapshot taken right before a thread's worktree is removed (archive, delete): uncommitted and
 * untracked work plus the git-ignored files within limits, since `worktree remove --force` deletes
 * them with no other copy.
 */
export async function snapshotBeforeRemoval(
  context: Pick<ThreadContext, 'git'>,
  project: Project,
  thread: Thread,
  message: string,
): Promise<RemovalSnapshot> {
  const omit = await unchangedSetupFiles(project, thread.worktreePath);
  const snapshot = await snapshotWorktree(context.git, thread.worktreePath, {
    message,
    keepIgnored: { omit },
  });
  const notKept = describeSkippedIgnored(snapshot.ignored?.skipped ?? []);
  if (notKept) log.info(`${thread.id} (${thread.title}): ${notKept}`);
  return { snapshot, notKept };
}
