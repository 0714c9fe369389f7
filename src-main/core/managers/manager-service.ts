import type { Manager } from '../../../src-shared/contract';
import { createLogger } from '../log';
import { errorText } from '../error-text';
import { createGateService } from './gate-service';
import { listGateScratches, sweepGateScratches } from './gate-sweep';
import { notRunGate } from './manager-rows';
import { createManagerState } from './manager-state';
import { buildManagerTools, buildWorkerTools } from './manager-tools';
import type { ManagerService, ManagerServiceDeps } from './types';
import { createWorkerOps } from './worker-ops';

const log = createLogger('managers');

/** Said after a manager's task so its agent knows the shape of the job (the tools say the details). */
const MANAGER_HINT =
  'You are a manager: split this task among worker threads (start_worker), wait for them, read their work (worker_status), and ask for fixes (message_worker). Call report_done when the combined work is complete; it only succeeds once the project check passes.';

/**
 * Manager threads ("agents as tools" and "handoff"): a built-in agent thread with tools to start,
 * message, wait for, inspect and stop worker threads, and a gate on its "done": the project's check
 * must pass on the workers' combined work (or the user waives it).
 */
export function createManagerService(deps: ManagerServiceDeps): ManagerService {
  const state = createManagerState(deps);
  const { rows } = state;
  rows.recover(Date.now());
  // Gates cut off by a stop or crash left their scratch worktrees; none of this host's can run yet.
  const leftovers = listGateScratches(deps.dataDir, (managerThreadId) => {
    const thread = state.threadOrNull(managerThreadId);
    if (!thread) return null;
    try {
      return deps.projects.get(thread.projectId).path;
    } catch {
      return null;
    }
  });
  const swept = sweepGateScratches(deps.git, leftovers).catch((error: unknown) =>
    log.warn('Could not sweep the gate scratch worktrees', error),
  );
  const gates = createGateService(state);
  const ops = createWorkerOps(state, gates);

  /** The first turn waits for the worktree; a failure is logged and left on the thread for the user. */
  const startFirstTurn = async (threadId: string, task: string): Promise<void> => {
    try {
      await state.whenReady(threadId);
      await deps.agents.startTurn({ threadId, message: `${task}\n\n${MANAGER_HINT}` });
    } catch (error) {
      log.error(`The manager thread ${threadId} could not start its first turn: ${errorText(error)}`, error);
    }
  };

  /** Worker state after one of its turns ends: a hand-back or stop stays, a working worker goes idle. */
  const turnEnded = (threadId: string): void => {
    const worker = rows.worker(threadId);
    if (worker?.state === 'working') state.setWorkerState(worker, 'idle');
  };

  return {
    async start(input) {
      const thread = await deps.threads.start({
        projectId: input.projectId,
        title: input.title,
        base: input.base,
        backend: 'builtin',
      });
      rows.insertManager({
        threadId: thread.id,
        projectId: thread.projectId,
        workerBackend: input.workerBackend ?? null,
        gate: notRunGate(Date.now()),
        doneSummary: null,
        createdAt: Date.now(),
      });
      state.changed(thread.id);
      void startFirstTurn(thread.id, input.task);
      return { thread, manager: state.view(thread.id) as Manager };
    },

    get(threadId) {
      const worker = rows.worker(threadId);
      return state.view(worker ? worker.managerThreadId : threadId);
    },

    list(projectId) {
      deps.projects.get(projectId);
      return rows
        .managersOf(projectId)
        .map((row) => state.view(row.threadId))
        .filter((manager) => manager !== null);
    },

    runGate: (managerThreadId) => gates.run(managerThreadId),

    waiveGate: (managerThreadId, reason) => gates.waive(managerThreadId, reason),

    extraTools(thread, env) {
      if (rows.manager(thread.id)) return buildManagerTools(ops, env);
      if (rows.worker(thread.id)) return buildWorkerTools(ops, env);
      return [];
    },

    turnStarted(turn) {
      state.runningTurns.set(turn.threadId, turn.id);
      const worker = rows.worker(turn.threadId);
      if (worker && worker.state !== 'working') {
        state.openWorkerSpan(worker);
        state.setWorkerState(worker, 'working');
      }
    },

    turnCompleted(turn) {
      if (state.runningTurns.get(turn.threadId) === turn.id) state.runningTurns.delete(turn.threadId);
      turnEnded(turn.threadId);
    },

    threadChanged(thread) {
      state.threadChanged(thread.id);
      const worker = rows.worker(thread.id);
      if (worker && thread.archivedAt !== null && worker.state !== 'stopped') {
        state.closeWorkerSpan(worker, 'archived');
        state.setWorkerState(worker, 'stopped');
      }
    },

    threadRemoved(threadId) {
      state.threadChanged(threadId);
      state.runningTurns.delete(threadId);
      const worker = rows.worker(threadId);
      if (worker && worker.state !== 'stopped') {
        state.closeWorkerSpan(worker, 'removed');
        state.setWorkerState(worker, 'stopped');
      }
    },

    waitsInProgress: () => state.waits.count(),

    async dispose() {
      state.dispose();
      await swept;
      await gates.dispose();
    },
  };
}
