import { existsSync } from 'node:fs';
import { SkeinError, type Project, type ReconcileAction, type Thread } from '../../../src-shared/contract';
import { listWorktrees } from '../git';
import { createLogger } from '../log';
import type { ThreadContext } from './context';
import type { WorktreePool } from './pool';
import { markRepositoryMissing, reconcileThread } from './reconcile';
import {
  INTERRUPTED,
  projectGoneSentence,
  repositoryBackMessage,
  repositoryGoneDetail,
  repositoryMissingMessage,
  worktreeGoneSentence,
} from './thread-repair';

const log = createLogger('watch-missing');

/**
 * How often the running host looks for a repository or worktree folder deleted under it: one stat
 * per project and live thread, git only when one is gone or back. 5 s is about how long a user
 * takes to switch back to Skein after deleting a folder elsewhere.
 */
export const MISSING_CHECK_INTERVAL_MS = 5_000;

/**
 * How long the watcher waits for a turn it interrupted to end before marking its thread. A turn ends
 * in well under a second after its abort (its last snapshot fails fast without the folder).
 */
const INTERRUPT_WAIT_MS = 10_000;

/** Thread states in which nothing of the worktree is in use and nothing is expected of it yet. */
const NOT_WATCHED = new Set<Thread['status']>([...INTERRUPTED, 'missing', 'archived']);

/** Agent states whose turn must end when the thread's folder goes. */
const TURN_RUNNING = new Set<Thread['status']>(['working', 'waiting_approval']);

/** Errors that can stand for a vanished folder: git's or a spawn's, and "the worktree is missing" refusals. */
const EXPLAINED = new Set(['PATH_NOT_FOUND', 'GIT_FAILED', 'INVALID_STATE']);

export interface MissingWatcherOptions {
  intervalMs?: number;
  /** Ends the thread's agent turn (if one runs) with `reason` as its error. */
  interrupt(threadId: string, reason: string): Promise<void>;
  /** The thread is being archived or deleted: its folder goes on purpose. */
  isChanging(threadId: string): boolean;
}

export interface MissingWatcher {
  /**
   * A request failed: when the folder of the thread or project it names is gone, the sentence for that
   * (instead of git's or the spawn's words), and a check now rather than at the next tick.
   */
  explain(error: SkeinError): SkeinError | null;
  /** Looks at every project and live thread now (after a check already running). */
  check(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Notices, while the host runs, what the start-up reconcile would find at the next start: a repository
 * folder gone (its threads marked missing, their turns ended) or back (the threads taken back), a
 * worktree folder deleted by hand (made again from its branch). It only stats until something changed,
 * never prunes worktrees or deletes branches, trash refs, terminals or anything in the data folder.
 */
export function watchMissing(
  context: ThreadContext,
  pool: WorktreePool,
  options: MissingWatcherOptions,
): MissingWatcher {
  /** Projects seen gone, so each disappearance and return is told once. */
  const gone = new Set(
    context.projects
      .list()
      .filter((project) => !existsSync(project.path))
      .map((project) => project.id),
  );
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let disposed = false;

  const stopped = (): boolean => disposed || context.disposed;

  const notify = (level: 'info' | 'warning', message: string, actions: ReconcileAction[]): void => {
    if (stopped()) return;
    context.publisher.publish('host/notice', { level, message, ...(actions.length > 0 ? { actions } : {}) });
  };

  /** Ends the agent turns of the threads, each with the sentence, before their status is written. */
  const endTurns = async (threads: Thread[], reason: (thread: Thread) => string): Promise<void> => {
    const working = threads.filter((thread) => TURN_RUNNING.has(thread.status));
    await Promise.all(
      working.map(async (thread) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            options.interrupt(thread.id, reason(thread)),
            new Promise((resolve) => (timer = setTimeout(resolve, INTERRUPT_WAIT_MS))),
          ]);
        } catch (error) {
          log.warn(`Could not end the turn of thread ${thread.id}`, error);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  };

  const liveThreads = (project: Project): Thread[] =>
    context.rows.list(project.id).filter((thread) => thread.archivedAt === null);

  const repositoryGone = async (project: Project): Promise<void> => {
    gone.add(project.id);
    await endTurns(liveThreads(project), () => repositoryGoneDetail(project));
    if (stopped()) return;
    const actions = markRepositoryMissing(context, project);
    if (actions.length > 0) notify('warning', repositoryMissingMessage(project), actions);
  };

  /** The repository is back: the threads it took along are reconciled as at start-up (ready again). */
  const repositoryBack = async (project: Project): Promise<void> => {
    gone.delete(project.id);
    const detail = repositoryGoneDetail(project);
    const waiting = liveThreads(project).filter(
      (thread) => thread.status === 'missing' && thread.statusDetail === detail,
    );
    const actions: ReconcileAction[] = [];
    const worktrees = await listWorktrees(context.git, project.path);
    for (const thread of waiting) {
      if (stopped()) return;
      actions.push(...(await reconcileThread(context, project, thread, worktrees)));
    }
    pool.refill(project.id);
    notify('info', repositoryBackMessage(project), actions);
  };

  /** A worktree folder deleted by hand: the turn ends, then the thread is reconciled as at start-up. */
  const worktreeGone = async (project: Project, thread: Thread): Promise<void> => {
    await endTurns([thread], worktreeGoneSentence);
    const current = context.rows.get(thread.id);
    if (!current || !vanished(current) || stopped()) return;
    const worktrees = await listWorktrees(context.git, project.path);
    const actions = await reconcileThread(context, project, current, worktrees);
    const last = actions.at(-1);
    if (last) notify('warning', last.message, actions);
  };

  const vanished = (thread: Thread): boolean =>
    thread.archivedAt === null &&
    !NOT_WATCHED.has(thread.status) &&
    !options.isChanging(thread.id) &&
    !existsSync(thread.worktreePath);

  const checkProject = async (project: Project): Promise<void> => {
    if (!existsSync(project.path)) {
      const detail = repositoryGoneDetail(project);
      const unmarked = liveThreads(project).some(
        (thread) =>
          !(thread.status === 'missing' && thread.statusDetail === detail) && !options.isChanging(thread.id),
      );
      if (!gone.has(project.id) || unmarked) await repositoryGone(project);
      return;
    }
    const detail = repositoryGoneDetail(project);
    if (gone.has(project.id) || liveThreads(project).some((thread) => thread.statusDetail === detail)) {
      await repositoryBack(project);
    }
    for (const thread of liveThreads(project)) {
      if (stopped()) return;
      if (vanished(thread)) await worktreeGone(project, thread);
    }
  };

  const pass = async (): Promise<void> => {
    for (const project of context.projects.list()) {
      if (stopped()) return;
      try {
        await checkProject(project);
      } catch (error) {
        log.warn(`Checking the folders of project ${project.name} failed`, error);
      }
    }
  };

  const check = (): Promise<void> => {
    if (stopped()) return Promise.resolve();
    if (!running) {
      running = pass().finally(() => (running = null));
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return check();
    });
    return queued;
  };

  const timer = setInterval(() => void check(), options.intervalMs ?? MISSING_CHECK_INTERVAL_MS);
  // A check must never be what keeps the process alive.
  timer.unref();

  const threadNamed = (error: SkeinError): Thread | null => {
    const details = error.details ?? {};
    if (typeof details.threadId === 'string') return context.rows.get(details.threadId);
    const places = [details.cwd, details.path, details.worktreePath].filter(
      (place): place is string => typeof place === 'string',
    );
    if (places.length === 0) return null;
    return (
      context.rows
        .list()
        .find((thread) =>
          places.some(
            (place) => place === thread.worktreePath || place.startsWith(`${thread.worktreePath}/`),
          ),
        ) ?? null
    );
  };

  const projectNamed = (error: SkeinError): Project | null => {
    const details = error.details ?? {};
    const place = typeof details.cwd === 'string' ? details.cwd : null;
    return place === null
      ? null
      : (context.projects.list().find((project) => project.path === place) ?? null);
  };

  const explain = (error: SkeinError): SkeinError | null => {
    if (!EXPLAINED.has(error.kind) || stopped()) return null;
    const thread = threadNamed(error);
    if (thread && thread.archivedAt === null) {
      const project = context.projects.list().find((entry) => entry.id === thread.projectId);
      if (!project) return null;
      if (!existsSync(project.path)) {
        // Refusals that already say why (delete asking for force) stay as they are.
        if (error.kind === 'INVALID_STATE') return null;
        void check();
        return new SkeinError('PATH_NOT_FOUND', repositoryGoneDetail(project), {
          threadId: thread.id,
          repository: project.path,
        });
      }
      if (NOT_WATCHED.has(thread.status) || existsSync(thread.worktreePath)) return null;
      void check();
      return new SkeinError(
        error.kind === 'GIT_FAILED' ? 'PATH_NOT_FOUND' : error.kind,
        worktreeGoneSentence(thread),
        {
          threadId: thread.id,
          worktreePath: thread.worktreePath,
        },
      );
    }
    const project = thread ? null : projectNamed(error);
    if (!project || existsSync(project.path) || error.kind === 'INVALID_STATE') return null;
    void check();
    return new SkeinError('PATH_NOT_FOUND', projectGoneSentence(project), { repository: project.path });
  };

  return {
    explain(error) {
      try {
        return explain(error);
      } catch (failure) {
        log.warn('Explaining a failed request failed', failure);
        return null;
      }
    },
    check,
    async dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(timer);
      await queued;
      await running;
    },
  };
}
