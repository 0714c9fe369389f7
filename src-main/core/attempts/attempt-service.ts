import { existsSync } from 'node:fs';
import { SkeinError, isSkeinError, type AttemptGroup, type Thread } from '../../../src-shared/contract';
import { createLogger } from '../log';
import { finishCheck, markCheckRunning, requireLiveThread } from './attempt-checks';
import { createAttemptRows } from './attempt-rows';
import { compareAttempts } from './compare-attempts';
import { buildGroup } from './group-view';
import { createGroupUpdates } from './group-updates';
import { pickWinner } from './pick-winner';
import { launchAttempts } from './start-attempts';
import { takeHunks } from './take-hunks';
import { createThreadReadiness } from './thread-readiness';
import type { AttemptRecord, AttemptService, AttemptServiceDeps, GroupRecord } from './types';

const log = createLogger('attempts');

/** Attempts (best-of-N): groups of threads given one task, measured, checked, compared and picked. */
export function createAttemptService(deps: AttemptServiceDeps): AttemptService {
  const rows = createAttemptRows(deps.db);
  const readiness = createThreadReadiness();
  /** Threads whose first turn is not sent yet (the group counts as running). */
  const starting = new Set<string>();
  /** Threads with a check queued or running: a second request for one is not queued again. */
  const checking = new Set<string>();
  const work = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>) => {
    const tracked = task
      .catch((error: unknown) => log.warn('An attempt task failed', error))
      .finally(() => work.delete(tracked));
    work.add(tracked);
  };

  const requireGroup = (groupId: string): GroupRecord => {
    const group = rows.group(groupId);
    if (!group)
      throw new SkeinError('NOT_FOUND', `There is no attempt group with id ${groupId}. Refresh the list.`, {
        groupId,
      });
    return group;
  };
  const requireAttempt = (group: GroupRecord, threadId: string): AttemptRecord => {
    const attempt = rows.attempts(group.id).find((candidate) => candidate.threadId === threadId);
    if (!attempt) {
      throw new SkeinError(
        'NOT_FOUND',
        `Thread ${threadId} is not one of the attempts of "${group.title}".`,
        {
          groupId: group.id,
          threadId,
        },
      );
    }
    return attempt;
  };
  const view = (group: GroupRecord): AttemptGroup =>
    buildGroup(deps, group, rows.attempts(group.id), starting);
  const publish = (groupId: string) => {
    const group = rows.group(groupId);
    if (group) deps.publisher.publish('attempt/updated', { group: view(group) });
  };

  /** The attempt's whole work against its base, as the review counts it; kept for when it is archived. */
  const measure = async (threadId: string) => {
    let thread: Thread;
    try {
      thread = deps.threads.get(threadId);
    } catch (error) {
      if (isSkeinError(error) && error.kind === 'NOT_FOUND') return;
      throw error;
    }
    if (thread.archivedAt !== null || thread.status === 'creating' || !existsSync(thread.worktreePath))
      return;
    try {
      rows.setDiff(threadId, (await deps.review.files(threadId, { kind: 'base' })).totals);
    } catch (error) {
      log.warn(`Could not measure the diff of attempt thread ${threadId}`, error);
    }
  };

  const updates = createGroupUpdates(async (groupId, threadIds) => {
    await Promise.all([...threadIds].map(measure));
    publish(groupId);
  }, deps.updateDelayMs);
  const touched = (threadId: string) => {
    const attempt = rows.ofThread(threadId);
    if (attempt) updates.schedule(attempt.groupId, [threadId]);
  };

  /** Resolves once the attempt shows `running` (and the group was sent); `done` with the result. */
  const checkIn = async (groupId: string, thread: Thread) => {
    checking.add(thread.id);
    try {
      await markCheckRunning(deps, rows, thread);
      publish(groupId);
    } catch (error) {
      checking.delete(thread.id);
      throw error;
    }
    const done = finishCheck(deps, rows, thread)
      .then((result) => {
        publish(groupId);
        return result;
      })
      .finally(() => checking.delete(thread.id));
    track(done);
    return { done };
  };

  return {
    async start(input) {
      deps.projects.get(input.projectId);
      const { group, launches } = await launchAttempts(deps, rows, readiness, input, {
        started: (threadId) => starting.add(threadId),
        settled: (threadId) => {
          starting.delete(threadId);
          touched(threadId);
        },
      });
      for (const launch of launches) track(launch);
      return view(group);
    },

    async list(projectId) {
      deps.projects.get(projectId);
      return rows.groupsOf(projectId).map(view);
    },

    async get(groupId) {
      const group = requireGroup(groupId);
      await Promise.all(rows.attempts(groupId).map((attempt) => measure(attempt.threadId)));
      return view(group);
    },

    async ofThread(threadId) {
      deps.threads.get(threadId);
      const attempt = rows.ofThread(threadId);
      const group = attempt ? rows.group(attempt.groupId) : null;
      return group ? view(group) : null;
    },

    async check(groupId, threadId) {
      const group = requireGroup(groupId);
      deps.checks.commandOf(group.projectId);
      const targets = threadId
        ? [requireLiveThread(deps.threads.get(requireAttempt(group, threadId).threadId))]
        : rows
            .attempts(groupId)
            .map((attempt) => {
              try {
                return deps.threads.get(attempt.threadId);
              } catch {
                return null;
              }
            })
            .filter((thread): thread is Thread => thread !== null && thread.archivedAt === null);
      for (const thread of targets) {
        if (!checking.has(thread.id) && existsSync(thread.worktreePath)) await checkIn(groupId, thread);
      }
      return view(group);
    },

    async runCheck(threadId) {
      const thread = requireLiveThread(deps.threads.get(threadId));
      const attempt = rows.ofThread(threadId);
      return attempt ? (await checkIn(attempt.groupId, thread)).done : deps.checks.run(thread);
    },

    async compare(groupId, fromThreadId, toThreadId) {
      const group = requireGroup(groupId);
      if (fromThreadId === toThreadId)
        throw new SkeinError('INVALID_PARAMS', 'Pick two different attempts to compare.', { groupId });
      const [from, to] = [fromThreadId, toThreadId].map((threadId) =>
        requireLiveThread(deps.threads.get(requireAttempt(group, threadId).threadId)),
      ) as [Thread, Thread];
      return compareAttempts(deps.git, deps.projects.get(group.projectId).path, groupId, from, to);
    },

    async pick(groupId, threadId) {
      const group = requireGroup(groupId);
      requireAttempt(group, threadId);
      await pickWinner(deps, rows, group, threadId);
      publish(groupId);
      return view(requireGroup(groupId));
    },

    async takeHunks({ groupId, fromThreadId, toThreadId, path, hunks }) {
      const group = requireGroup(groupId);
      if (fromThreadId === toThreadId)
        throw new SkeinError('INVALID_PARAMS', 'Take hunks from one attempt into another, not into itself.', {
          groupId,
        });
      const from = requireLiveThread(deps.threads.get(requireAttempt(group, fromThreadId).threadId));
      const to = requireLiveThread(deps.threads.get(requireAttempt(group, toThreadId).threadId));
      const result = await takeHunks(deps.git, from, to, path, hunks);
      if (result.applied > 0) {
        deps.publisher.publish('review/changed', { threadId: to.id });
        updates.schedule(groupId, [to.id]);
      }
      return result;
    },

    threadUpdated(thread) {
      readiness.updated(thread);
      touched(thread.id);
    },
    threadRemoved(threadId) {
      readiness.removed(threadId);
      touched(threadId);
    },
    turnCompleted(turn) {
      touched(turn.threadId);
    },

    async idle() {
      while (work.size > 0) await Promise.all([...work]);
      await updates.idle();
    },

    async dispose() {
      readiness.dispose();
      await Promise.allSettled([...work]);
      await updates.dispose();
    },
  };
}
