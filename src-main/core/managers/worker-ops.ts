import { isSkeinError, type Worker } from '../../../src-shared/contract';
import type { ManagerState } from './manager-state';
import type { ManagerToolOps } from './manager-tools';
import { statusText, waitText, type WorkerView } from './tool-text';
import { workerDiff } from './worker-diff';

/** Said after a worker's task so the built-in agent knows how to finish (other agents lack the tool). */
const HAND_BACK_HINT =
  'When the task is done, call the hand_back tool with a short summary of what you changed and anything left open.';

export interface GateRunner {
  /** Runs the gate (or joins the run in progress) and reports whether the manager may finish. */
  reportDone(managerThreadId: string, summary: string, signal: AbortSignal | undefined): Promise<string>;
}

function lastAgentMessage(state: ManagerState, threadId: string): string | null {
  try {
    const { items } = state.deps.agents.transcript(threadId);
    for (let index = items.length - 1; index >= 0; index -= 1) {
      const item = items[index];
      if (item?.kind === 'agent_message' && item.text.trim() !== '') return item.text;
    }
  } catch {
    // A deleted thread has no transcript to read; the state line says enough.
  }
  return null;
}

function viewOf(state: ManagerState, worker: Worker): WorkerView {
  return {
    worker,
    title: state.titleOf(worker.threadId),
    lastMessage: lastAgentMessage(state, worker.threadId),
  };
}

/** Starts a turn in a worker; its state is `working` first, so a turn that ends at once is not missed. */
async function startWorkerTurn(state: ManagerState, worker: Worker, message: string): Promise<void> {
  const before = worker;
  const working = state.setWorkerState(worker, 'working');
  state.openWorkerSpan(working);
  try {
    await state.deps.agents.startTurn({ threadId: worker.threadId, message });
  } catch (error) {
    state.setWorkerState(working, before.state === 'working' ? 'idle' : before.state);
    throw error;
  }
}

export function createWorkerOps(state: ManagerState, gate: GateRunner): ManagerToolOps {
  const { deps, rows } = state;

  return {
    async startWorker(managerThreadId, input, signal) {
      const manager = rows.manager(managerThreadId);
      if (!manager) throw new Error('This thread is not a manager.');
      const managerThread = deps.threads.get(managerThreadId);
      const created = await deps.threads.start({
        projectId: manager.projectId,
        title: input.title,
        base: managerThread.base,
        backend: input.backend ?? manager.workerBackend ?? undefined,
      });
      const backend = created.backend;
      const now = Date.now();
      const worker: Worker = {
        threadId: created.id,
        managerThreadId,
        task: input.task,
        backend,
        state: 'idle',
        summary: null,
        createdAt: now,
        updatedAt: now,
      };
      rows.insertWorker(worker);
      state.changed(managerThreadId);
      await state.whenReady(created.id, signal);
      const message = backend === 'builtin' ? `${input.task}\n\n${HAND_BACK_HINT}` : input.task;
      await startWorkerTurn(state, worker, message);
      return `Started worker "${created.title}" with thread_id ${created.id}. It is working on its task now; use wait_for_workers to wait for it.`;
    },

    async messageWorker(managerThreadId, workerThreadId, message) {
      const worker = state.ownWorker(managerThreadId, workerThreadId);
      const title = state.titleOf(workerThreadId);
      try {
        deps.agents.steer(workerThreadId, message);
        return `Sent to "${title}" while it works; it reads the message in its current turn.`;
      } catch (error) {
        if (!isSkeinError(error) || error.kind !== 'INVALID_STATE') throw error;
      }
      await startWorkerTurn(state, worker, message);
      return `"${title}" started a new turn with your message; use wait_for_workers to wait for it.`;
    },

    async waitForWorkers(managerThreadId, input, signal) {
      const all = rows.workersOf(managerThreadId);
      const ids = input.threadIds ?? all.map((worker) => worker.threadId);
      for (const id of ids) state.ownWorker(managerThreadId, id);
      if (ids.length === 0) return 'You have no workers to wait for; start one with start_worker.';
      const current = () => ids.map((id) => rows.worker(id)).filter((worker) => worker !== null);
      const ready = () => {
        const settled = current().filter((worker) => worker.state !== 'working');
        return input.mode === 'all' ? settled.length === ids.length : settled.length > 0;
      };
      const outcome = await state.waits.wait(managerThreadId, ready, input.timeoutSeconds * 1_000, signal);
      return waitText(
        outcome,
        current().map((worker) => viewOf(state, worker)),
        input.timeoutSeconds,
      );
    },

    async workerStatus(managerThreadId, workerThreadId) {
      const worker = state.ownWorker(managerThreadId, workerThreadId);
      const thread = state.threadOrNull(workerThreadId);
      const view = viewOf(state, worker);
      if (!thread) return `${statusText(view, { stat: '', diff: '' })}\nIts thread was deleted.`;
      const project = deps.projects.get(thread.projectId);
      return statusText(view, await workerDiff(deps.git, project, thread));
    },

    async stopWorker(managerThreadId, workerThreadId) {
      const worker = state.ownWorker(managerThreadId, workerThreadId);
      try {
        await deps.agents.interrupt(workerThreadId);
      } catch (error) {
        if (!isSkeinError(error) || error.kind !== 'INVALID_STATE') throw error;
      }
      const stopped = state.setWorkerState(rows.worker(workerThreadId) ?? worker, 'stopped');
      state.closeWorkerSpan(stopped, 'stopped');
      return `Stopped "${state.titleOf(workerThreadId)}"; its work stays on its branch but no longer goes into the gate.`;
    },

    reportDone(managerThreadId, summary, signal) {
      return gate.reportDone(managerThreadId, summary, signal);
    },

    async handBack(workerThreadId, summary) {
      const worker = rows.worker(workerThreadId);
      if (!worker) throw new Error('This thread is not a worker of a manager.');
      const handed = state.setWorkerState(worker, 'handed_back', summary);
      state.closeWorkerSpan(handed, 'handed_back');
      const now = Date.now();
      deps.recordSpan?.({
        threadId: workerThreadId,
        turnId: state.runningTurns.get(workerThreadId) ?? null,
        kind: 'handoff',
        name: `hand back to ${state.titleOf(worker.managerThreadId)}`,
        startedAt: now,
        endedAt: now,
        attributes: { managerThreadId: worker.managerThreadId, workerThreadId, summaryChars: summary.length },
      });
      return 'Handed back to your manager. End your turn now with a one-line note; the manager may message you with more to do.';
    },
  };
}
