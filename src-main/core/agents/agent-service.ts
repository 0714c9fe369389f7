import { setTracingDisabled, type Model } from '@openai/agents';
import {
  SkeinError,
  type Approval,
  type ApprovalDecision,
  type EffectiveAgentSettings,
  type Item,
  type ProviderKind,
  type Thread,
  type ThreadBackend,
  type Turn,
} from '../../../src-shared/contract';
import { publicApproval } from '../approvals';
import { createBackendFactory, type BackendHostOptions } from './backends/backend-factory';
import { createBackendThreadRows } from './backends/backend-thread-rows';
import { createBackendTurns } from './backends/backend-turns';
import { proposeCommitMessage } from './commit-message';
import { createAgentRuntime, type AgentServiceDeps } from './runtime/agent-runtime';
import type { ItemWriter } from './runtime/item-writer';
import { createPausedTurns, type PausedTurns } from './runtime/paused-turns';
import { recoverTurns } from './runtime/turn-recovery';
import { createTurnStarter, NOT_RUNNABLE } from './runtime/turn-starter';
import { createAgentSettingsService, type AgentSettingsService } from './settings/agent-settings-service';
import { createModel } from './providers/create-model';
import { createKeyStore } from './settings/sealed-key-store';
import { createOutputScrubber } from './scrub/output-scrubber';

export type { AgentServiceDeps } from './runtime/agent-runtime';
export type { BackendHostOptions } from './backends/backend-factory';

/** What a backend thread's continue says when the user adds nothing (the built-in agent's words). */
const CONTINUE_MESSAGE = 'Continue the task from where you stopped. The previous turn was cut off.';

/** The runtime's dependencies plus where other agents (Codex) run. */
export type AgentServiceOptions = AgentServiceDeps & { backends?: BackendHostOptions };

export interface AgentService {
  readonly settings: AgentSettingsService;
  readonly writer: ItemWriter;
  startTurn(input: {
    threadId: string;
    message: string;
    provider?: ProviderKind;
    model?: string;
  }): Promise<Turn>;
  continueTurn(threadId: string, message?: string): Promise<Turn>;
  /** Ends the thread's turn; `reason` (the host's, e.g. the thread's folder was deleted) becomes its error. */
  interrupt(threadId: string, reason?: string): Promise<void>;
  steer(threadId: string, message: string): { turnId: string };
  transcript(threadId: string): { turns: Turn[]; items: Item[] };
  /** The thread's turns alone, oldest first: their usage and cost without reading every item. */
  turns(threadId: string): Turn[];
  respond(approvalId: string, decision: ApprovalDecision, message?: string): Promise<Approval>;
  /**
   * Switches the agent that works in the thread; INVALID_STATE while a turn runs or waits. The old
   * backend's process stops and its session is forgotten.
   */
  setBackend(threadId: string, backend: ThreadBackend): Promise<Thread>;
  /** Stops the thread's idle agent process (the thread was archived or deleted); no-op without one. */
  releaseBackend(threadId: string): Promise<void>;
  /**
   * A commit message for `diffText` from the thread's model (a one-shot call: no tools, nothing
   * streamed to clients): a conventional subject under 72 characters, a blank line, a short why.
   * Null when no model or key is configured, or the model said nothing; rejects when the call fails.
   */
  proposeCommitMessage(threadId: string, diffText: string): Promise<string | null>;
  /**
   * The model for a one-shot call about the thread (the review agent): the given provider/model, else
   * the one its last turn ran with, else its settings'. Rejects (INVALID_STATE) when no key is configured.
   */
  oneShotModel(
    threadId: string,
    overrides?: { provider?: ProviderKind; model?: string },
  ): Promise<{ model: Model; settings: EffectiveAgentSettings }>;
  /** Every provider key value the host knows, to scrub from environments it hands on (the project's check). */
  keySecrets(): Promise<string[]>;
  /** Marks turns a crash cut off as interrupted; run once at start-up. */
  recover(): void;
  /** Resolves when no turn is running and no snapshot is being taken (tests, benchmarks). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export function createAgentService(options: AgentServiceOptions): AgentService {
  const { backends: backendOptions, ...deps } = options;
  const env = deps.env ?? process.env;
  // Traces stay in our SQLite (the transcript); the SDK must never export them to a remote service.
  setTracingDisabled(true);
  const keys = deps.keys ?? createKeyStore(deps.dataDir, env, deps.keySealer);
  const scrubber = deps.outputScrubber ?? createOutputScrubber(keys, env);
  const settings = createAgentSettingsService({ ...deps, env, keys });
  // The runtime and the paused turns need each other: a run that pauses may find its answers in.
  let paused: PausedTurns | null = null;
  const runtime = createAgentRuntime(deps, {
    env,
    keys,
    settings,
    scrubber,
    resume: (turnId) => paused?.resume(turnId) ?? Promise.resolve(),
  });
  paused = createPausedTurns(runtime);
  const pausedTurns = paused;
  const starter = createTurnStarter(runtime, pausedTurns);
  const { sessions, turns, writer } = runtime;
  const backendRows = createBackendThreadRows(deps.db);
  const backendTurns = createBackendTurns(
    runtime,
    createBackendFactory(backendOptions ?? {}, env, async () => (await keys.get('anthropic'))?.key ?? null),
    backendRows,
    backendOptions?.idleStopMs,
  );

  /** Any turn of the thread running, being set up or waiting for answers, whoever runs it. */
  const busy = (threadId: string): boolean =>
    sessions.has(threadId) || !!pausedTurns.waitingTurn(threadId) || backendTurns.running(threadId);

  /** A thread a backend can start a turn in, or the reason it cannot, as the built-in agent says it. */
  const backendThread = (threadId: string): Thread | null => {
    const thread = deps.threads.get(threadId);
    if (thread.backend === 'builtin') return null;
    if (NOT_RUNNABLE.has(thread.status) || thread.archivedAt !== null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" is ${thread.status.replace('_', ' ')}; an agent can only work in a ready thread.`,
        { threadId, status: thread.status },
      );
    }
    if (busy(threadId)) {
      throw new SkeinError(
        'INVALID_STATE',
        `A turn is already running in "${thread.title}"; steer it, answer its approval, or interrupt it first.`,
        { threadId },
      );
    }
    return thread;
  };

  return {
    settings,
    writer,

    async startTurn({ threadId, message, provider, model }) {
      const thread = backendThread(threadId);
      if (thread) return backendTurns.start(thread, message, null);
      return starter.start(threadId, message, { provider, model });
    },

    async continueTurn(threadId, message) {
      const thread = backendThread(threadId);
      if (!thread) return starter.continue(threadId, message);
      const last = turns.last(threadId);
      if (!last || (last.status !== 'interrupted' && last.status !== 'failed')) {
        throw new SkeinError(
          'INVALID_STATE',
          'The last turn of this thread was not cut off; start a new turn instead.',
          { threadId },
        );
      }
      return backendTurns.start(thread, message ?? CONTINUE_MESSAGE, last.id);
    },

    async interrupt(threadId, reason) {
      if (await backendTurns.interrupt(threadId)) return;
      const active = sessions.get(threadId);
      if (active) {
        if (reason) active.session.interruptWith(reason);
        else active.session.abort.abort();
        await active.done;
        return;
      }
      const waiting = pausedTurns.waitingTurn(threadId);
      if (!waiting) throw new SkeinError('INVALID_STATE', 'No turn is running in this thread.', { threadId });
      await pausedTurns.end(waiting.id, 'interrupted', reason ?? null);
    },

    steer(threadId, message) {
      const backendSteer = backendTurns.steer(threadId, message);
      if (backendSteer) return backendSteer;
      const active = sessions.get(threadId);
      if (!active) return pausedTurns.steer(threadId, message);
      active.session.steer(message);
      return { turnId: active.session.turn.id };
    },

    transcript(threadId) {
      deps.threads.get(threadId);
      // Also writes what the data folder refused before, if it takes writes again.
      runtime.unsaved.retry();
      return {
        turns: runtime.unsaved.overlay(turns.ofThread(threadId)),
        items: writer.rows.ofThread(threadId),
      };
    },

    turns: (threadId) => runtime.unsaved.overlay(turns.ofThread(threadId)),

    async respond(approvalId, decision, message) {
      const approval = deps.approvals.resolve(approvalId, decision, message);
      if (backendTurns.owns(approvalId)) {
        // The backend turns the decision into its agent's answer (abort_turn interrupts the turn there).
        backendTurns.answer(approvalId, decision);
        return publicApproval(deps.approvals.get(approvalId));
      }
      if (decision === 'abort_turn') {
        const active = sessions.get(approval.threadId);
        if (active?.session.turn.id === approval.turnId) {
          active.session.abort.abort();
          await active.done;
        } else await pausedTurns.end(approval.turnId, 'interrupted', null);
      } else if (!sessions.has(approval.threadId)) {
        await pausedTurns.resume(approval.turnId);
      }
      return publicApproval(deps.approvals.get(approvalId));
    },

    async setBackend(threadId, backend) {
      const thread = deps.threads.get(threadId);
      if (busy(threadId)) {
        throw new SkeinError(
          'INVALID_STATE',
          `A turn is running in "${thread.title}"; let it finish or interrupt it before switching its agent.`,
          { threadId },
        );
      }
      if (thread.backend === backend) return thread;
      // Saved first: a turn started from here on runs on the new backend, never the released one.
      backendTurns.saveBackend(threadId, backend);
      await backendTurns.release(threadId);
      const updated = deps.threads.get(threadId);
      deps.publisher.publish('thread/updated', { thread: updated });
      return updated;
    },

    releaseBackend: (threadId) => backendTurns.release(threadId),

    proposeCommitMessage: (threadId, diffText) => proposeCommitMessage(runtime, threadId, diffText),

    async oneShotModel(threadId, overrides = {}) {
      deps.threads.get(threadId);
      const last = runtime.turns.last(threadId);
      const chosen =
        overrides.provider || overrides.model
          ? overrides
          : last
            ? { provider: last.provider, model: last.model }
            : {};
      const settings = runtime.settings.effective({ threadId }, chosen);
      return { settings, model: await createModel(settings, runtime.keys, runtime.env) };
    },

    keySecrets: () => keys.secrets(),

    recover: () => recoverTurns(runtime),

    idle: () => runtime.idle(),

    async dispose() {
      // Backend turns end first: the runtime waits for every tracked turn before it closes the writer.
      await backendTurns.dispose();
      await runtime.dispose();
    },
  };
}
