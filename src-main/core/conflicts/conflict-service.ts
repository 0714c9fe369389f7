import { SkeinError, type ConflictMatrix, type Thread } from '../../../src-shared/contract';
import { resolveCommit } from '../git';
import { createLogger } from '../log';
import { SETTLE_WAIT_MS } from './limits';
import { isLiveThread } from './live-threads';
import { simulateMerges } from './merge-simulation';
import { readPairDetails } from './pair-details';
import { createProjectRadar, type ProjectRadar } from './project-radar';
import { threadOverlapsFrom } from './thread-overlaps';
import type { ConflictService, ConflictServiceDeps } from './types';

const log = createLogger('conflicts');

/** The conflict radar of every project that has asked for it (or had live threads at start). */
export function createConflictService(deps: ConflictServiceDeps): ConflictService {
  const radars = new Map<string, ProjectRadar>();
  const watch = deps.watch ?? true;
  let disposed = false;

  const radarFor = (projectId: string): ProjectRadar => {
    let radar = radars.get(projectId);
    if (radar) return radar;
    if (disposed)
      throw new SkeinError('INVALID_STATE', 'Skein is shutting down; the conflict radar has stopped.');
    const project = deps.projects.get(projectId);
    radar = createProjectRadar({
      git: deps.git,
      publisher: deps.publisher,
      project,
      listThreads: () => deps.threads.list({ projectId }),
      watch,
    });
    radars.set(projectId, radar);
    return radar;
  };

  const unsubscribe = deps.projects.subscribe({
    async removing(project) {
      const radar = radars.get(project.id);
      radars.delete(project.id);
      await radar?.dispose();
    },
  });

  /** A thread the radar can speak about, with its project's radar following it. */
  const liveThread = (threadId: string): { thread: Thread; radar: ProjectRadar } => {
    const thread = deps.threads.get(threadId);
    if (thread.archivedAt !== null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" is archived, so the conflict radar does not follow it; unarchive it first.`,
        { threadId },
      );
    }
    if (!isLiveThread(thread)) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" has no worktree to compare (it is ${thread.status}).`,
        { threadId },
      );
    }
    const radar = radarFor(thread.projectId);
    if (!radar.has(threadId)) radar.threadChanged(thread);
    return { thread, radar };
  };

  const snapshotOf = async (radar: ProjectRadar, thread: Thread): Promise<string> => {
    let state = radar.state(thread.id);
    if (!state?.snapshot) {
      await radar.refresh(thread.id);
      state = radar.state(thread.id);
    }
    if (!state?.snapshot) {
      throw new SkeinError(
        'INVALID_STATE',
        `No snapshot of "${thread.title}" could be taken: ${state?.error ?? 'its worktree is not readable'}.`,
        { threadId: thread.id },
      );
    }
    return state.snapshot.commit;
  };

  const currentBase = async (projectPath: string, base: string): Promise<string> => {
    const commit =
      (await resolveCommit(deps.git, projectPath, `refs/heads/${base}`)) ??
      (await resolveCommit(deps.git, projectPath, base));
    if (commit === null)
      throw new SkeinError('BRANCH_NOT_FOUND', `The base branch ${base} does not exist.`, { base });
    return commit;
  };

  /** The suggested order of one base: the project's default base when a live thread uses it. */
  const defaultOrder = (matrix: ConflictMatrix, defaultBase: string): string[] => {
    const baseOf = new Map(matrix.threads.map((thread) => [thread.threadId, thread.base]));
    const base = matrix.threads.some((thread) => thread.base === defaultBase)
      ? defaultBase
      : baseOf.get(matrix.suggestedOrder[0] ?? '');
    return matrix.suggestedOrder.filter((id) => baseOf.get(id) === base);
  };

  return {
    get: (projectId) => radarFor(projectId).matrix(),

    async refresh(projectId, threadId) {
      const radar = radarFor(projectId);
      if (threadId !== undefined) {
        const { thread } = liveThread(threadId);
        if (thread.projectId !== projectId)
          throw new SkeinError('NOT_FOUND', `The thread ${threadId} is not in this project.`, { threadId });
      }
      await radar.refresh(threadId);
      return radar.matrix();
    },

    settled: (projectId, timeoutMs = SETTLE_WAIT_MS) => radarFor(projectId).settled(timeoutMs),

    watching: (projectId, timeoutMs = SETTLE_WAIT_MS) => radarFor(projectId).watching(timeoutMs),

    async pair(a, b) {
      const first = liveThread(a);
      const second = b === null ? null : liveThread(b);
      if (second && a === b) throw new SkeinError('INVALID_STATE', 'Pick two different threads to compare.');
      if (second && second.thread.projectId !== first.thread.projectId)
        throw new SkeinError(
          'INVALID_STATE',
          'The two threads belong to different projects, so they never merge into one base.',
        );
      const { radar, thread } = first;
      const ours = await snapshotOf(radar, thread);
      const project = deps.projects.get(thread.projectId);
      const theirs = second
        ? await snapshotOf(radar, second.thread)
        : await currentBase(project.path, thread.base);
      return readPairDetails(deps.git, project.path, { a, b, ours, theirs }, radar.matrix());
    },

    async simulate(projectId, order) {
      const project = deps.projects.get(projectId);
      const radar = radarFor(projectId);
      const matrix = await radar.settled(SETTLE_WAIT_MS);
      const ids = order ?? defaultOrder(matrix, project.defaultBase);
      if (ids.length === 0)
        throw new SkeinError('INVALID_STATE', 'The project has no live threads to simulate merging.');
      if (new Set(ids).size !== ids.length)
        throw new SkeinError('INVALID_STATE', 'The order names a thread twice; name each thread once.');
      const threads = ids.map((id) => {
        const { thread } = liveThread(id);
        if (thread.projectId !== projectId)
          throw new SkeinError('NOT_FOUND', `The thread "${thread.title}" is not in this project.`, {
            threadId: id,
          });
        return thread;
      });
      const base = threads[0]?.base ?? project.defaultBase;
      const stranger = threads.find((thread) => thread.base !== base);
      if (stranger) {
        throw new SkeinError(
          'INVALID_STATE',
          `"${stranger.title}" merges into ${stranger.base}, not ${base}; simulate one base at a time.`,
          { threadId: stranger.id },
        );
      }
      const chain = await Promise.all(
        threads.map(async (thread) => ({
          threadId: thread.id,
          branch: thread.branch,
          snapshot: await snapshotOf(radar, thread),
        })),
      );
      const baseCommit = await currentBase(project.path, base);
      return simulateMerges(deps.git, project.path, { projectId, base, baseCommit, threads: chain });
    },

    async overlaps(threadId) {
      const { thread, radar } = liveThread(threadId);
      await radar.refresh(threadId);
      const matrix = await radar.settled(SETTLE_WAIT_MS);
      const known = new Map(radar.liveThreads().map((live) => [live.id, live]));
      return threadOverlapsFrom(matrix, thread.id, (id) => known.get(id));
    },

    startAll() {
      for (const project of deps.projects.list()) {
        try {
          if (deps.threads.list({ projectId: project.id }).some(isLiveThread)) radarFor(project.id);
        } catch (error) {
          log.error(`Starting the conflict radar of ${project.name} failed`, error);
        }
      }
    },

    threadChanged(thread) {
      radars.get(thread.projectId)?.threadChanged(thread);
    },

    threadRemoved(threadId) {
      for (const radar of radars.values()) if (radar.has(threadId)) void radar.threadRemoved(threadId);
    },

    turnCompleted(threadId) {
      for (const radar of radars.values()) if (radar.has(threadId)) void radar.refresh(threadId);
    },

    async dispose() {
      disposed = true;
      unsubscribe();
      const list = [...radars.values()];
      radars.clear();
      await Promise.all(list.map((radar) => radar.dispose()));
    },
  };
}
