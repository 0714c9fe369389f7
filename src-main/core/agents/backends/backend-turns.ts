import { randomUUID } from 'node:crypto';
import {
  SkeinError,
  type EffectiveAgentSettings,
  type Thread,
  type ThreadBackend,
  type Turn,
} from '../../../../src-shared/contract';
import { createLogger } from '../../log';
import type { AgentRuntime } from '../runtime/agent-runtime';
import { createBackendApprovals } from './backend-approvals';
import type { BackendFactory } from './backend-factory';
import { BackendRecording } from './backend-recording';
import type { BackendThreadRows } from './backend-thread-rows';
import type { AgentBackend, BackendEvent, TurnOutcome } from './types';

const log = createLogger('backends');

/** What a turn's row says it ran with: backends choose their own provider; these are the APIs they speak. */
const BACKEND_PROVIDER = { codex: 'openai', claude: 'anthropic' } as const;
/**
 * How long a thread's agent process with no turn keeps running. Codex takes 1–2 s to start and
 * resume, so a user sending the next message soon does not wait; an idle app holds no agent
 * processes (MCP servers use the same idea, MCP_IDLE_STOP_MS). A later turn resumes the session.
 */
export const BACKEND_IDLE_STOP_MS = 5 * 60_000;
const STOPPED_DETAIL = 'The host stopped in the middle of a turn; continue it to pick up where it stopped.';

type BackendKind = Exclude<ThreadBackend, 'builtin'>;

const modelOf = (kind: BackendKind, settings: EffectiveAgentSettings): string | null =>
  kind === 'codex' ? settings.codexModel : settings.claudeModel;

interface ActiveTurn {
  turn: Turn;
  recording: BackendRecording;
  worktree: string;
  /** Set once the message went to the backend (or failed to); an interrupt before that cancels the send. */
  sent: Promise<void>;
  interruptRequested: boolean;
  /** Why a budget stopped the turn (its pause in words), once one did. */
  budgetStop: string | null;
  ending: boolean;
  done: Promise<void>;
  resolveDone(): void;
}

interface Live {
  kind: BackendKind;
  threadId: string;
  backend: AgentBackend;
  turn: ActiveTurn | null;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Turns of threads whose agent is not the built-in one: starts (or resumes) the thread's backend in
 * its worktree and keeps it for the next turn, records its events as the thread's items, files its
 * questions in the approvals inbox, snapshots the worktree around each turn and announces turns
 * exactly like built-in ones (`turn/started`, `turn/completed`, `review/changed`).
 */
export function createBackendTurns(
  runtime: AgentRuntime,
  factory: BackendFactory,
  rows: BackendThreadRows,
  idleStopMs = BACKEND_IDLE_STOP_MS,
) {
  const { deps, turns, snapshots, setThreadStatus } = runtime;
  const approvals = createBackendApprovals(deps.approvals);
  const live = new Map<string, Live>();
  /** Threads whose backend is being started (between the checks and the turn existing). */
  const starting = new Set<string>();
  let disposed = false;

  const onEvent = (entry: Live, event: BackendEvent): void => {
    const active = entry.turn;
    if (disposed || !active || active.ending) {
      if (event.type === 'status' && event.status === 'exited' && event.detail)
        log.warn(`The ${entry.kind} backend of thread ${entry.threadId} exited: ${event.detail}`);
      return;
    }
    if (event.type === 'turn/completed') {
      // The agent's own price (Claude Code's) beats none: Skein cannot price its models' tokens.
      if (typeof event.costUsd === 'number') active.recording.recorder.turn.costUsd = event.costUsd;
      // The agent's error may echo a key it was given: scrubbed once, for the item, the turn and the thread.
      const error = event.error && runtime.setupDeps.scrubber.text(event.error);
      void end(entry, active, active.budgetStop ? 'interrupted' : event.outcome, error);
      return;
    }
    if (event.type === 'status') {
      if (event.status === 'waiting_approval')
        setThreadStatus(entry.threadId, 'waiting_approval', 'Waiting for your approval.');
      else if (event.status === 'working') setThreadStatus(entry.threadId, 'working', event.detail);
      return;
    }
    active.recording.handle(event);
    if (event.type === 'usage') stopOverBudget(entry, active);
  };

  /** A budget reached by the usage just recorded: the backend's turn is interrupted, as a pause. */
  const stopOverBudget = (entry: Live, active: ActiveTurn): void => {
    if (active.interruptRequested || active.budgetStop) return;
    const reason = deps.budgets?.stopReason(entry.threadId) ?? null;
    if (!reason) return;
    active.budgetStop = reason;
    active.interruptRequested = true;
    void active.sent
      .then(() => entry.backend.interrupt())
      .then(() => {
        // A backend that reports nothing after the interrupt still ends the turn.
        if (!active.ending) void end(entry, active, 'interrupted', null);
      })
      .catch((error: unknown) => log.warn(`Could not stop thread ${entry.threadId} at its budget`, error));
  };

  /** Records the turn's end once: open questions aborted, "after" snapshot, row, thread status, notifications. */
  const end = async (entry: Live, active: ActiveTurn, outcome: TurnOutcome, error: string | null) => {
    if (active.ending) return;
    active.ending = true;
    try {
      approvals.abortTurn(active.turn.id);
      await active.sent.catch(() => undefined);
      await snapshots.settleBefore(active.turn);
      if (disposed) return;
      await snapshots.take(active.turn, active.worktree, 'after');
      if (disposed) return;
      if (outcome === 'failed' && error) active.recording.recorder.error(error);
      if (active.budgetStop) active.recording.recorder.error(active.budgetStop);
      const turn = active.recording.recorder.finish(outcome, active.budgetStop ?? error);
      if (entry.turn === active) entry.turn = null;
      if (outcome === 'failed') setThreadStatus(entry.threadId, 'error', error);
      else
        setThreadStatus(
          entry.threadId,
          'done',
          active.budgetStop ?? (outcome === 'interrupted' ? 'The turn was interrupted.' : null),
        );
      deps.publisher.publish('turn/completed', { turn });
      deps.publisher.publish('review/changed', { threadId: entry.threadId });
    } finally {
      if (entry.turn === active) entry.turn = null;
      active.resolveDone();
      if (!disposed && !entry.turn) stopWhenIdle(entry);
    }
  };

  const stopTimer = (entry: Live): void => {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
  };

  const stopWhenIdle = (entry: Live): void => {
    stopTimer(entry);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.turn || live.get(entry.threadId) !== entry) return;
      live.delete(entry.threadId);
      void entry.backend.dispose();
    }, idleStopMs);
    entry.idleTimer.unref();
  };

  /** The thread's backend, started (or resumed from the stored session) when it is not running. */
  const backendFor = async (
    thread: Thread,
    kind: BackendKind,
    settings: EffectiveAgentSettings,
  ): Promise<{ entry: Live; notice: string | null }> => {
    const current = live.get(thread.id);
    if (current) stopTimer(current);
    if (current && current.kind === kind && current.backend.status !== 'exited')
      return { entry: current, notice: null };
    if (current) {
      live.delete(thread.id);
      await current.backend.dispose();
    }
    const launch = async (resumeSessionId: string | null): Promise<Live> => {
      // Events before `start` resolved (status changes) have no turn to land in.
      const holder: { entry?: Live } = {};
      const backend = await factory.create(kind, settings, {
        onEvent: (event) => {
          if (holder.entry) onEvent(holder.entry, event);
        },
        onApproval: (request) => {
          const active = holder.entry?.turn;
          if (!active || active.ending) return Promise.resolve('abort_turn');
          return approvals.ask(
            {
              threadId: thread.id,
              turnId: active.turn.id,
              itemId: active.recording.itemFor(request.backendItemId)?.id ?? null,
            },
            request,
          );
        },
      });
      const { sessionId } = await backend.start({
        worktreePath: thread.worktreePath,
        resumeSessionId,
        approvalPolicy: settings.approvalPolicy,
        sandboxMode: settings.sandboxMode,
        model: modelOf(kind, settings),
      });
      rows.saveSession(thread.id, sessionId);
      holder.entry = { kind, threadId: thread.id, backend, turn: null, idleTimer: null };
      return holder.entry;
    };
    const stored = rows.sessionId(thread.id);
    let entry: Live;
    let notice: string | null = null;
    try {
      entry = await launch(stored);
    } catch (error) {
      // A session the agent lost (its home moved, its files pruned) must not lock the thread out.
      if (!stored || !(error instanceof SkeinError) || error.kind !== 'INVALID_STATE') throw error;
      log.warn(`Thread ${thread.id} could not resume ${kind} session ${stored}; starting a new one`, error);
      notice = `${error.message}. This turn starts a new conversation; the transcript above stays.`;
      entry = await launch(null);
    }
    if (disposed) {
      await entry.backend.dispose();
      throw new SkeinError(
        'INVALID_STATE',
        'Skein is shutting down; start the turn again after it restarts.',
      );
    }
    live.set(thread.id, entry);
    return { entry, notice };
  };

  const begin = async (
    thread: Thread,
    kind: BackendKind,
    message: string,
    continuesTurnId: string | null,
  ): Promise<Turn> => {
    const settings = runtime.settings.effective({ threadId: thread.id });
    const { entry, notice } = await backendFor(thread, kind, settings);
    const turn = turns.insert({
      id: randomUUID(),
      threadId: thread.id,
      provider: BACKEND_PROVIDER[kind],
      model: modelOf(kind, settings) ?? kind,
      continuesTurnId,
    });
    const recorder = runtime.recorderFor(turn, thread.worktreePath);
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const active: ActiveTurn = {
      turn,
      recording: new BackendRecording(recorder),
      worktree: thread.worktreePath,
      sent: Promise.resolve(),
      interruptRequested: false,
      budgetStop: null,
      ending: false,
      done,
      resolveDone,
    };
    entry.turn = active;
    if (notice) recorder.error(notice);
    recorder.userMessage(message, false);
    setThreadStatus(thread.id, 'working');
    deps.publisher.publish('turn/started', { turn: { ...turn } });
    // The agent edits files as soon as it has the message: the "before" snapshot comes first.
    active.sent = (async () => {
      await snapshots.take(turn, thread.worktreePath, 'before');
      if (active.interruptRequested || disposed) return;
      await entry.backend.sendMessage(message);
    })();
    active.sent.then(
      () => {
        if (active.interruptRequested && !disposed) void end(entry, active, 'interrupted', null);
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        active.sent = Promise.resolve();
        void end(entry, active, 'failed', `The ${kind} agent did not take the message: ${reason}`);
      },
    );
    runtime.track(done);
    return { ...turn };
  };

  return {
    /** Whether a backend turn runs (or is being set up) in the thread. */
    running: (threadId: string): boolean => starting.has(threadId) || !!live.get(threadId)?.turn,

    async start(thread: Thread, message: string, continuesTurnId: string | null): Promise<Turn> {
      if (thread.backend === 'builtin') throw new Error('The built-in agent does not run through a backend.');
      deps.budgets?.assertCanRun(thread.id);
      starting.add(thread.id);
      try {
        return await begin(thread, thread.backend, message, continuesTurnId);
      } finally {
        starting.delete(thread.id);
      }
    },

    /** Null when no backend turn runs in the thread. */
    steer(threadId: string, message: string): { turnId: string } | null {
      const entry = live.get(threadId);
      const active = entry?.turn;
      if (!entry || !active || active.ending) return null;
      active.recording.recorder.userMessage(message, true);
      void active.sent
        .then(() => entry.backend.steer(message))
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          if (entry.turn === active)
            active.recording.recorder.error(`The steer did not reach the agent: ${reason}`);
        });
      return { turnId: active.turn.id };
    },

    /** False when no backend turn runs in the thread. Resolves once the turn is recorded as ended. */
    async interrupt(threadId: string): Promise<boolean> {
      const entry = live.get(threadId);
      const active = entry?.turn;
      if (!entry || !active) return false;
      active.interruptRequested = true;
      await active.sent.catch(() => undefined);
      await entry.backend.interrupt();
      // A backend that was idle (the message never went out) reports nothing: end it here.
      if (!active.ending) void end(entry, active, 'interrupted', null);
      await active.done;
      return true;
    },

    owns: (approvalId: string): boolean => approvals.owns(approvalId),
    answer: (approvalId: string, decision: Parameters<typeof approvals.answer>[1]) =>
      approvals.answer(approvalId, decision),

    /** Stops the thread's backend process (a backend switch, an archived thread). */
    async release(threadId: string): Promise<void> {
      const entry = live.get(threadId);
      if (!entry) return;
      live.delete(threadId);
      stopTimer(entry);
      await entry.backend.dispose();
    },

    saveBackend(threadId: string, backend: ThreadBackend): void {
      rows.setBackend(threadId, backend);
    },

    /** Turns still running are recorded as cut off by the stop; every backend process ends. */
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      const entries = [...live.values()];
      live.clear();
      for (const entry of entries) {
        stopTimer(entry);
        const active = entry.turn;
        if (!active || active.ending) continue;
        active.ending = true;
        entry.turn = null;
        approvals.abortTurn(active.turn.id);
        active.recording.recorder.finish('interrupted', 'The host stopped during this turn.');
        setThreadStatus(entry.threadId, 'error', STOPPED_DETAIL);
        active.resolveDone();
      }
      await Promise.allSettled(entries.map((entry) => entry.backend.dispose()));
    },
  };
}

export type BackendTurns = ReturnType<typeof createBackendTurns>;
