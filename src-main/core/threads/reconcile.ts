import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project, ReconcileAction, Thread } from '../../../src-shared/contract';
import {
  addWorktree,
  listWorktrees,
  pointHeadAt,
  removeWorktree,
  resolveCommit,
  updateRef,
  worktreeStatus,
  type WorktreeEntry,
} from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import type { WorktreePool } from './pool';
import { prepareThread } from './setup';
import { recreateWorktree } from './start-thread';
import {
  decideThreadRepair,
  INTERRUPTED,
  repositoryGoneDetail,
  repositoryMissingMessage,
} from './thread-repair';
import { projectWorktreeRoot, samePath } from './worktree-paths';

const log = createLogger('reconcile');

const HEADS = 'refs/heads/';

/**
 * Compares the database, `git worktree list` and the disk for every project, repairs what it
 * safely can and reports everything. It never deletes a folder that could hold user work.
 */
export async function reconcileAll(context: ThreadContext, pool: WorktreePool): Promise<ReconcileAction[]> {
  const actions: ReconcileAction[] = [];
  for (const project of context.projects.list()) {
    try {
      actions.push(...(await reconcileProject(context, pool, project)));
    } catch (error) {
      log.error(`Reconciling project ${project.name} failed`, error);
    }
  }
  return actions;
}

async function reconcileProject(
  context: ThreadContext,
  pool: WorktreePool,
  project: Project,
): Promise<ReconcileAction[]> {
  if (!existsSync(project.path)) return markRepositoryMissing(context, project);
  const worktrees = await listWorktrees(context.git, project.path);
  const actions = await pool.reconcile(project, worktrees);
  for (const thread of context.rows.list(project.id)) {
    if (thread.archivedAt !== null) continue;
    try {
      actions.push(...(await reconcileThread(context, project, thread, worktrees)));
    } catch (error) {
      log.error(`Reconciling thread ${thread.id} failed`, error);
    }
  }
  try {
    // Listed afresh: the steps above added and removed worktrees.
    actions.push(...(await sweepOrphans(context, project, await listWorktrees(context.git, project.path))));
  } catch (error) {
    log.error(`Sweeping unknown worktrees of ${project.name} failed`, error);
  }
  return actions;
}

/**
 * The repository folder is gone (deleted, moved, an unmounted disk): its threads are marked missing,
 * with nothing touched on disk, and become ready again at the first start that finds it back.
 */
export function markRepositoryMissing(context: ThreadContext, project: Project): ReconcileAction[] {
  const detail = repositoryGoneDetail(project);
  let newlyMissing = 0;
  const live = context.rows.list(project.id).filter((thread) => thread.archivedAt === null);
  for (const thread of live) {
    if (thread.status === 'missing' && thread.statusDetail === detail) continue;
    context.update(thread.id, { status: 'missing', statusDetail: detail });
    newlyMissing += 1;
  }
  if (live.length > 0 && newlyMissing === 0) return [];
  return [
    {
      threadId: null,
      kind: 'worktree_missing',
      message: repositoryMissingMessage(project),
    },
  ];
}

/** Marks the thread missing; reports it only the first time, not on every start while it stays missing. */
function markMissing(
  context: ThreadContext,
  thread: Thread,
  detail: string,
  action: ReconcileAction,
  earlier: ReconcileAction[],
): ReconcileAction[] {
  const wasMissing = thread.status === 'missing';
  context.update(thread.id, { status: 'missing', statusDetail: detail });
  return wasMissing ? earlier : [...earlier, action];
}

/**
 * Gathers what git and the disk say about one thread, lets `decideThreadRepair` decide, and carries
 * it out. Shared by the start-up reconcile and the running host's watcher (watch-missing.ts).
 */
export async function reconcileThread(
  context: ThreadContext,
  project: Project,
  thread: Thread,
  worktrees: WorktreeEntry[],
): Promise<ReconcileAction[]> {
  const { git } = context;
  const actions: ReconcileAction[] = [];
  const registered = worktrees.find(
    (worktree) => samePath(worktree.path, thread.worktreePath) || worktree.path === thread.worktreePath,
  );
  let current = thread;
  let head = await resolveCommit(git, project.path, `${HEADS}${thread.branch}`);

  // `git branch -m` outside Skein moves the worktree's HEAD along: follow it.
  if (!head && registered?.branch?.startsWith(HEADS) && registered.branch !== `${HEADS}${thread.branch}`) {
    const renamed = registered.branch.slice(HEADS.length);
    head = await resolveCommit(git, project.path, registered.branch);
    if (head) {
      current = context.update(thread.id, { branch: renamed }) ?? current;
      actions.push({
        threadId: thread.id,
        kind: 'branch_renamed',
        message: `"${thread.title}": branch ${thread.branch} was renamed to ${renamed} outside Skein; the thread follows it.`,
      });
    }
  }

  const repair = decideThreadRepair({
    status: thread.status,
    onDisk: existsSync(thread.worktreePath),
    registered: registered !== undefined,
    detached: registered?.detached === true,
    hasBranch: head !== null,
  });
  switch (repair.kind) {
    case 'not_a_worktree':
      return markMissing(
        context,
        current,
        `${thread.worktreePath} exists but is no longer a git worktree of ${project.path}. Skein left it untouched.`,
        {
          threadId: thread.id,
          kind: 'worktree_missing',
          message: `"${thread.title}": its folder is no longer a git worktree; left untouched.`,
        },
        actions,
      );
    case 'branch_gone':
      return markMissing(
        context,
        current,
        `The branch ${current.branch} no longer exists. The worktree at ${current.worktreePath} is kept; check out a branch there or delete the thread.`,
        {
          threadId: thread.id,
          kind: 'branch_missing',
          message: `"${thread.title}": branch ${current.branch} is gone; the thread is marked missing.`,
        },
        actions,
      );
    case 'keep':
      if (repair.finishClaim) {
        await updateRef(git, project.path, `${HEADS}${current.branch}`, current.baseCommit, null);
        await pointHeadAt(git, current.worktreePath, `${HEADS}${current.branch}`);
      }
      break;
    case 'both_gone':
      if (repair.unregister) await unregisterVanished(context, project, thread);
      return markMissing(
        context,
        current,
        `Both the worktree folder and the branch ${current.branch} are gone. Look in the trash list for saved work, then delete the thread.`,
        {
          threadId: thread.id,
          kind: 'branch_missing',
          message: `"${thread.title}": its worktree and branch ${current.branch} are gone; the thread is marked missing.`,
        },
        actions,
      );
    case 'remake':
      if (repair.discardPartial) await rm(thread.worktreePath, { recursive: true, force: true });
      if (repair.unregister) await unregisterVanished(context, project, thread);
      if (repair.from === 'branch') {
        await recreateWorktree(context, current, project);
      } else {
        await addWorktree(git, project.path, {
          path: current.worktreePath,
          commitish: current.baseCommit,
          newBranch: current.branch,
        });
      }
      if (repair.report) {
        actions.push({
          threadId: thread.id,
          kind: 'worktree_restored',
          message: `"${thread.title}": its worktree folder was deleted; it was made again from ${current.branch}.`,
        });
      }
      // A remade worktree lacks the setup files and whatever the setup command produced.
      current = context.update(thread.id, { status: 'creating' }) ?? current;
      break;
  }

  if (INTERRUPTED.has(current.status)) {
    await prepareThread(context, current, project);
  } else if (current.status === 'missing') {
    context.update(thread.id, { status: 'ready', statusDetail: null });
  }
  return actions;
}

/**
 * Drops git's registration of a worktree whose folder is gone, so `worktree add` takes the path again.
 * Looked at once more first: `worktree remove --force` on a folder put back meanwhile would delete it.
 */
async function unregisterVanished(context: ThreadContext, project: Project, thread: Thread): Promise<void> {
  if (existsSync(thread.worktreePath)) {
    throw new Error(
      `${thread.worktreePath} came back while Skein was repairing it; left for the next check.`,
    );
  }
  await removeWorktree(context.git, project.path, thread.worktreePath);
}

/**
 * Worktrees under the project's folder in Skein's data dir that no thread or pool entry owns:
 * left by a crash mid-way through making a pooled worktree. Removed only when they hold no changes.
 */
async function sweepOrphans(
  context: ThreadContext,
  project: Project,
  worktrees: WorktreeEntry[],
): Promise<ReconcileAction[]> {
  const root = projectWorktreeRoot(context.dataDir, project);
  const ids = context.rows.everIds(project.id);
  const pooled = context.poolRows.list(project.id).map((entry) => entry.path);
  const owned = (path: string) =>
    ids.has(path.slice(root.length + 1)) || pooled.some((pool) => samePath(pool, path));
  const actions: ReconcileAction[] = [];
  const candidates = new Set<string>([
    ...(existsSync(root) ? readdirSync(root).map((name) => join(root, name)) : []),
    ...worktrees.filter((worktree) => worktree.path.startsWith(`${root}/`)).map((worktree) => worktree.path),
  ]);
  for (const path of candidates) {
    if (owned(path)) continue;
    const registered = worktrees.find((worktree) => samePath(worktree.path, path) || worktree.path === path);
    if (registered?.branch) continue;
    if (registered && existsSync(path) && (await worktreeStatus(context.git, path)).dirty) {
      log.warn(`Left unknown worktree ${path} in place: it has changes`);
      continue;
    }
    if (registered) await removeWorktree(context.git, project.path, path);
    else await rm(path, { recursive: true, force: true });
    actions.push({
      threadId: null,
      kind: 'stale_worktree_pruned',
      message: `Removed ${path}, a worktree left unfinished by an earlier run.`,
    });
  }
  return actions;
}
