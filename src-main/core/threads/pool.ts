import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Project, ReconcileAction } from '../../../src-shared/contract';
import {
  addWorktree,
  checkoutDetached,
  isGitAbortError,
  removeWorktree,
  resolveCommit,
  worktreeStatus,
  type GitPriority,
  type WorktreeEntry,
} from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import type { PoolEntry } from './pool-rows';
import { projectWorktreeRoot, samePath } from './worktree-paths';

const log = createLogger('worktree-pool');

/** How often the pool checks whether a project's base branch moved (commits, pulls). Cheap: one rev-parse per project. */
export const BASE_CHECK_INTERVAL_MS = 30_000;

export interface PooledWorktree {
  /** Chosen when the worktree was made; it becomes the thread's id (the folder is named after it). */
  id: string;
  path: string;
}

export interface WorktreePool {
  /** Takes a pooled worktree detached at `commit` (moving a pooled one there if the base moved), or null. */
  claim(project: Project, commit: string): Promise<PooledWorktree | null>;
  /** Brings a project's pool to its size at its base's current commit, in the background, at low priority. */
  refill(projectId: string): void;
  /** Stops the project's pool work and removes its pooled worktrees (the project is being removed). */
  drain(project: Project): Promise<void>;
  /** Drops pool rows whose worktree is gone or no longer registered with git. */
  reconcile(project: Project, worktrees: WorktreeEntry[]): Promise<ReconcileAction[]>;
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

interface ProjectPoolState {
  loop: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  controller: AbortController;
}

export function createWorktreePool(context: ThreadContext): WorktreePool {
  const { git, poolRows, projects } = context;
  /** Pool worktrees the refill loop is refreshing or removing; claims skip them. */
  const busy = new Set<string>();
  const states = new Map<string, ProjectPoolState>();
  let disposed = false;

  const stateOf = (projectId: string): ProjectPoolState => {
    const existing = states.get(projectId);
    if (existing) return existing;
    const state: ProjectPoolState = {
      loop: null,
      again: false,
      stopped: false,
      controller: new AbortController(),
    };
    states.set(projectId, state);
    return state;
  };

  /** Removes a pool worktree that no row owns any more. Never throws: a leftover is logged and swept by reconcile. */
  const discard = async (repoPath: string, path: string, priority: GitPriority = 'low'): Promise<void> => {
    try {
      await removeWorktree(git, repoPath, path, { priority });
    } catch (error) {
      if (existsSync(path)) {
        log.warn(`Could not remove pooled worktree ${path}`, error);
        await rm(path, { recursive: true, force: true });
      }
    }
  };

  const createOne = async (project: Project, commit: string, signal: AbortSignal): Promise<void> => {
    const root = projectWorktreeRoot(context.dataDir, project);
    await mkdir(root, { recursive: true });
    const path = join(root, randomUUID());
    try {
      await addWorktree(git, project.path, {
        path,
        commitish: commit,
        detach: true,
        priority: 'low',
        signal,
      });
      if (signal.aborted || disposed) throw new Error('Pool refill cancelled');
      poolRows.insert({
        path,
        projectId: project.id,
        base: project.defaultBase,
        baseCommit: commit,
        createdAt: Date.now(),
      });
    } catch (error) {
      // Half-made (killed mid-checkout) or made too late: either way it must not stay behind.
      await discard(project.path, path);
      throw error;
    }
  };

  /** Moves a clean pooled worktree to the base's new commit; drops it if that is not possible. */
  const refresh = async (
    project: Project,
    entry: PoolEntry,
    commit: string,
    signal: AbortSignal,
  ): Promise<void> => {
    busy.add(entry.path);
    try {
      const status = await worktreeStatus(git, entry.path, { priority: 'low', signal });
      if (status.dirty) throw new Error(`pooled worktree ${entry.path} has changes`);
      await checkoutDetached(git, entry.path, commit, { priority: 'low', signal });
      poolRows.setCommit(entry.path, project.defaultBase, commit);
    } catch (error) {
      if (poolRows.take(entry.path)) await discard(project.path, entry.path);
      if (signal.aborted) throw error;
      log.info(`Dropped pooled worktree ${entry.path} instead of refreshing it`, error);
    } finally {
      busy.delete(entry.path);
    }
  };

  const refillOnce = async (projectId: string, signal: AbortSignal): Promise<void> => {
    const project = projects.list().find((candidate) => candidate.id === projectId);
    if (!project) return;
    const commit = await resolveCommit(git, project.path, project.defaultBase, { priority: 'low', signal });
    // With its base gone there is nothing to pre-make; keep none rather than stale ones.
    const size = commit ? project.settings.poolSize : 0;
    const idle = () => poolRows.list(projectId).filter((entry) => !busy.has(entry.path));

    for (const entry of idle()) {
      if (!existsSync(entry.path) && poolRows.take(entry.path)) await discard(project.path, entry.path);
    }
    // Too many (the size was lowered): drop the stale ones first, then the oldest.
    const surplus = idle().sort((a, b) => Number(a.baseCommit === commit) - Number(b.baseCommit === commit));
    for (const entry of surplus.slice(0, Math.max(0, poolRows.list(projectId).length - size))) {
      if (poolRows.take(entry.path)) await discard(project.path, entry.path);
    }
    if (!commit) return;
    for (const entry of idle()) {
      if (signal.aborted) return;
      if (entry.baseCommit !== commit) await refresh(project, entry, commit, signal);
    }
    // The size is read again before each (slow) creation: a lowered setting stops the refill at once.
    const wanted = () =>
      projects.list().find((candidate) => candidate.id === projectId)?.settings.poolSize ?? 0;
    while (!signal.aborted && !disposed && poolRows.list(projectId).length < Math.min(size, wanted())) {
      await createOne(project, commit, signal);
    }
  };

  const refill = (projectId: string): void => {
    if (disposed) return;
    const state = stateOf(projectId);
    if (state.stopped) return;
    if (state.loop) {
      state.again = true;
      return;
    }
    state.loop = (async () => {
      do {
        state.again = false;
        try {
          await refillOnce(projectId, state.controller.signal);
        } catch (error) {
          if (!isGitAbortError(error) && !state.controller.signal.aborted)
            log.warn(`Refilling the worktree pool of ${projectId} failed`, error);
        }
      } while (state.again && !state.controller.signal.aborted && !disposed);
    })().finally(() => {
      state.loop = null;
    });
  };

  const timer = setInterval(() => {
    for (const project of projects.list()) refill(project.id);
  }, BASE_CHECK_INTERVAL_MS);
  // The pool is upkeep; it must never keep a process (a test, `skein exec`) alive.
  timer.unref();

  return {
    async claim(project, commit) {
      const candidates = poolRows.list(project.id).filter((entry) => !busy.has(entry.path));
      const entry = candidates.find((candidate) => candidate.baseCommit === commit) ?? candidates[0];
      if (!entry || !poolRows.take(entry.path)) return null;
      if (!existsSync(entry.path)) {
        void discard(project.path, entry.path);
        return null;
      }
      if (entry.baseCommit !== commit) {
        try {
          const status = await worktreeStatus(git, entry.path);
          if (status.dirty) throw new Error(`pooled worktree ${entry.path} has changes`);
          await checkoutDetached(git, entry.path, commit);
        } catch (error) {
          log.info(`Pooled worktree ${entry.path} could not move to ${commit}; starting cold`, error);
          void discard(project.path, entry.path);
          return null;
        }
      }
      return { id: basename(entry.path), path: entry.path };
    },

    refill,

    async drain(project) {
      const state = stateOf(project.id);
      state.stopped = true;
      state.controller.abort();
      await state.loop;
      for (const entry of poolRows.list(project.id)) {
        if (poolRows.take(entry.path)) await discard(project.path, entry.path, 'normal');
      }
    },

    async reconcile(project, worktrees) {
      const actions: ReconcileAction[] = [];
      for (const entry of poolRows.list(project.id)) {
        const registered = worktrees.some(
          (worktree) => samePath(worktree.path, entry.path) && !worktree.prunable,
        );
        if (registered && existsSync(entry.path)) continue;
        if (!poolRows.take(entry.path)) continue;
        await discard(project.path, entry.path, 'normal');
        actions.push({
          threadId: null,
          kind: 'pool_entry_dropped',
          message: `A pre-made worktree of "${project.name}" at ${entry.path} was gone; it was dropped from the pool and will be replaced.`,
        });
      }
      return actions;
    },

    async idle() {
      for (;;) {
        const loops = [...states.values()].map((state) => state.loop).filter((loop) => loop !== null);
        if (loops.length === 0) return;
        await Promise.allSettled(loops);
      }
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(timer);
      for (const state of states.values()) state.controller.abort();
      await Promise.allSettled([...states.values()].flatMap((state) => (state.loop ? [state.loop] : [])));
    },
  };
}
