import { SkeinError, type Gate, type Manager, type Thread } from '../../../src-shared/contract';
import { createLogger } from '../log';
import { runGate } from './gate-run';
import type { ManagerState } from './manager-state';
import { gateRefusal } from './tool-text';
import type { GateRunner } from './worker-ops';

const log = createLogger('managers');

export interface GateService extends GateRunner {
  run(managerThreadId: string): Promise<Manager>;
  waive(managerThreadId: string, reason: string): Manager;
  /** Stops gate checks still running. */
  dispose(): Promise<void>;
}

export function createGateService(state: ManagerState): GateService {
  const { deps, rows } = state;
  const running = new Map<string, Promise<Gate>>();
  const stopping = new AbortController();

  const requireManager = (managerThreadId: string) => {
    const row = rows.manager(managerThreadId);
    if (!row) {
      throw new SkeinError('NOT_FOUND', 'This thread is not a manager thread.', {
        threadId: managerThreadId,
      });
    }
    return row;
  };

  /** The workers whose work goes in: not stopped, and their thread not deleted. */
  const liveWorkers = (managerThreadId: string): Thread[] =>
    rows
      .workersOf(managerThreadId)
      .filter((worker) => worker.state !== 'stopped')
      .map((worker) => state.threadOrNull(worker.threadId))
      .filter((thread) => thread !== null);

  const execute = async (managerThreadId: string): Promise<Gate> => {
    const row = requireManager(managerThreadId);
    const previous = row.gate;
    rows.setGate(managerThreadId, { ...previous, status: 'running', updatedAt: Date.now() });
    state.changed(managerThreadId);
    let gate: Gate;
    try {
      const managerThread = deps.threads.get(managerThreadId);
      gate = await runGate({
        git: deps.git,
        dataDir: deps.dataDir,
        project: deps.projects.get(row.projectId),
        manager: managerThread,
        workers: liveWorkers(managerThreadId),
        // The check service runs it in the thread's worktree: here the scratch worktree stands in.
        runCheckIn: (cwd) => deps.checks.run({ ...managerThread, worktreePath: cwd }),
        signal: stopping.signal,
      });
    } catch (error) {
      rows.setGate(managerThreadId, { ...previous, updatedAt: Date.now() });
      state.changed(managerThreadId);
      throw error;
    }
    rows.setGate(managerThreadId, gate);
    state.changed(managerThreadId);
    return gate;
  };

  /** One gate run per manager at a time; a second caller shares the run in progress. */
  const gateOnce = (managerThreadId: string): Promise<Gate> => {
    const inFlight = running.get(managerThreadId);
    if (inFlight) return inFlight;
    const run = execute(managerThreadId).finally(() => running.delete(managerThreadId));
    running.set(managerThreadId, run);
    return run;
  };

  return {
    async run(managerThreadId) {
      await gateOnce(managerThreadId);
      return state.view(managerThreadId) as Manager;
    },

    waive(managerThreadId, reason) {
      const row = requireManager(managerThreadId);
      rows.setGate(managerThreadId, {
        ...row.gate,
        status: 'waived',
        waivedReason: reason,
        updatedAt: Date.now(),
      });
      state.changed(managerThreadId);
      return state.view(managerThreadId) as Manager;
    },

    async reportDone(managerThreadId, summary) {
      const row = requireManager(managerThreadId);
      const gate = row.gate.status === 'waived' ? row.gate : await gateOnce(managerThreadId);
      if (gate.status !== 'passed' && gate.status !== 'waived') {
        return gateRefusal(gate, (id) => state.titleOf(id));
      }
      rows.setDone(managerThreadId, summary);
      for (const worker of rows.workersOf(managerThreadId)) state.closeWorkerSpan(worker, 'manager_done');
      state.changed(managerThreadId);
      return gate.status === 'waived'
        ? `Done is recorded. The user waived the gate (${gate.waivedReason ?? 'no reason given'}).`
        : `Done is recorded: the project's check passed on the combined work (scratch commit ${gate.scratchCommit ?? ''}). Tell the user what was done.`;
    },

    async dispose() {
      stopping.abort();
      await Promise.allSettled([...running.values()]).then((results) => {
        for (const result of results) {
          if (result.status === 'rejected')
            log.warn('A gate ended with an error while stopping', result.reason);
        }
      });
    },
  };
}
