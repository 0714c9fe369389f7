import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkeinError, type Project, type Thread } from '../../../src-shared/contract';
import { addWorktree, listBranches, pointHeadAt, removeWorktree, resolveCommit, updateRef } from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import type { PooledWorktree, WorktreePool } from './pool';
import { prepareThread } from './setup';
import { slugify, takenSlugs, THREAD_BRANCH_PREFIX, uniqueSlug } from './slug';
import { projectWorktreeRoot } from './worktree-paths';
import { errorText } from '../error-text';

const log = createLogger('threads');

/** Attempts at a free branch name when someone creates the same `skein/*` branch between our check and ours. */
const BRANCH_NAME_ATTEMPTS = 5;

export interface StartThreadInput {
  projectId: string;
  title: string;
  base?: string;
  /** The agent that works in it; the built-in one when absent. */
  backend?: Thread['backend'];
  /** The commit the branch starts at, when not the base's tip (a thread restored from the trash). */
  startAt?: string;
  /** Runs once the worktree exists, before setup (restoring saved work into it; setup then keeps the files it put back). */
  beforeSetup?: (thread: Thread) => Promise<void>;
  /** Runs synchronously once the thread's row exists, before any client hears of it (copying a transcript in). */
  onCreated?: (thread: Thread) => void;
}

/**
 * Starts a thread: a new `skein/<slug>` branch from the base in its own worktree. With a pooled
 * worktree it only takes ref updates, so the thread is ready (or setting up) on return; otherwise
 * the worktree is made in the background and the thread is returned as `creating`.
 */
export async function startThread(
  context: ThreadContext,
  pool: WorktreePool,
  input: StartThreadInput,
): Promise<Thread> {
  const { git } = context;
  const project = context.projects.get(input.projectId);
  const base = input.base?.trim() || project.defaultBase;
  const commit = input.startAt ?? (await resolveCommit(git, project.path, base));
  if (!commit) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `"${base}" is not a branch or commit in ${project.path}. Pick a base from the project's branch list.`,
      { base, projectId: project.id },
    );
  }
  const existingBranches = await listBranches(git, project.path, THREAD_BRANCH_PREFIX);
  const claimed = await pool.claim(project, commit);

  // From here to the insert nothing awaits, so two concurrent starts cannot pick the same name.
  const taken = takenSlugs([
    ...existingBranches,
    ...context.rows.list(project.id).map((thread) => thread.branch),
  ]);
  const slug = uniqueSlug(slugify(input.title), taken);
  const id = claimed?.id ?? randomUUID();
  const now = Date.now();
  const thread: Thread = {
    id,
    projectId: project.id,
    title: input.title.trim(),
    slug,
    branch: `${THREAD_BRANCH_PREFIX}${slug}`,
    base,
    baseCommit: commit,
    worktreePath: claimed?.path ?? join(projectWorktreeRoot(context.dataDir, project), id),
    backend: input.backend ?? 'builtin',
    status: 'creating',
    statusDetail: null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  context.rows.insert(thread);
  input.onCreated?.(thread);
  context.publisher.publish('thread/updated', { thread });

  if (claimed) {
    try {
      const adopted = await adoptPooledWorktree(context, thread, claimed, taken);
      await input.beforeSetup?.(adopted);
      const prepared = await prepareThread(context, adopted, project, {
        keepExisting: input.beforeSetup !== undefined,
      });
      pool.refill(project.id);
      return prepared;
    } catch (error) {
      log.warn(`Could not adopt pooled worktree ${claimed.path}; creating one from scratch`, error);
      await removeWorktree(git, project.path, claimed.path).catch((cause: unknown) =>
        log.warn('Removing it failed too', cause),
      );
    }
  }
  const current = context.rows.get(id) ?? thread;
  context.track(id, createWorktreeInBackground(context, current, project, input.beforeSetup));
  pool.refill(project.id);
  return current;
}

/** Turns a pooled, detached worktree into the thread's: create the branch at its commit, point HEAD at it. No checkout. */
async function adoptPooledWorktree(
  context: ThreadContext,
  thread: Thread,
  claimed: PooledWorktree,
  taken: Set<string>,
): Promise<Thread> {
  const { git } = context;
  const project = context.projects.get(thread.projectId);
  let current = thread;
  for (let attempt = 1; ; attempt += 1) {
    if (
      await updateRef(git, project.path, `refs/heads/${current.branch}`, thread.baseCommit, null, {
        message: 'skein: start thread',
      })
    )
      break;
    if (attempt >= BRANCH_NAME_ATTEMPTS)
      throw new Error(`branch ${current.branch} appeared while starting the thread`);
    taken.add(current.slug);
    const slug = uniqueSlug(current.slug, taken);
    current = context.update(thread.id, { slug, branch: `${THREAD_BRANCH_PREFIX}${slug}` }) ?? current;
  }
  await pointHeadAt(git, claimed.path, `refs/heads/${current.branch}`);
  return current;
}

async function createWorktreeInBackground(
  context: ThreadContext,
  thread: Thread,
  project: Project,
  beforeSetup?: (thread: Thread) => Promise<void>,
): Promise<void> {
  try {
    await mkdir(dirname(thread.worktreePath), { recursive: true });
    await addWorktree(context.git, project.path, {
      path: thread.worktreePath,
      commitish: thread.baseCommit,
      newBranch: thread.branch,
    });
    const current = context.rows.get(thread.id);
    if (!current || current.status !== 'creating') return;
    await beforeSetup?.(current);
    await prepareThread(context, current, project, { keepExisting: beforeSetup !== undefined });
  } catch (error) {
    log.error(`Creating the worktree of thread ${thread.id} failed`, error);
    if (context.disposed) return;
    context.update(thread.id, {
      status: 'error',
      statusDetail: `Skein could not create the worktree at ${thread.worktreePath}: ${errorText(error)}`,
    });
  }
}

/** Makes (or remakes) a thread's worktree from its existing branch: for unarchive and reconcile. */
export async function recreateWorktree(
  context: ThreadContext,
  thread: Thread,
  project: Project,
): Promise<void> {
  await mkdir(dirname(thread.worktreePath), { recursive: true });
  await addWorktree(context.git, project.path, { path: thread.worktreePath, commitish: thread.branch });
}
