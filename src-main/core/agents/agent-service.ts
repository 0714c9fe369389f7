import { setTracingDisabled } from '@openai/agents';
import {
  SkeinError,
  type Approval,
  type ApprovalDecision,
  type Item,
  type ProviderKind,
  type Turn,
} from '../../../src-shared/contract';
import { publicApproval } from '../approvals';
import { proposeCommitMessage } from './commit-message';
import { createAgentRuntime, type AgentServiceDeps } from './runtime/agent-runtime';
import type { ItemWriter } from './runtime/item-writer';
import { createPausedTurns, type PausedTurns } from './runtime/paused-turns';
import { recoverTurns } from './runtime/turn-recovery';
import { createTurnStarter } from './runtime/turn-starter';
import { createAgentSettingsService, type AgentSettingsService } from './settings/agent-settings-service';
import { createFileKeyStore } from './settings/key-store';
import { createSealedKeyStore } from './settings/sealed-key-store';

export type { AgentServiceDeps } from './runtime/agent-runtime';

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
  interrupt(threadId: string): Promise<void>;
  steer(threadId: string, message: string): { turnId: string };
  transcript(threadId: string): { turns: Turn[]; items: Item[] };
  respond(approvalId: string, decision: ApprovalDecision, message?: string): Promise<Approval>;
  /**
   * A commit message for `diffText` from the thread's model (a one-shot call: no tools, nothing
   * streamed to clients): a conventional subject under 72 characters, a blank line, a short why.
   * Null when no model or key is configured, or the model said nothing; rejects when the call fails.
   */
  proposeCommitMessage(threadId: string, diffText: string): Promise<string | null>;
  /** Marks turns a crash cut off as interrupted; run once at start-up. */
  recover(): void;
  /** Resolves when no turn is running and no snapshot is being taken (tests, benchmarks). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export function createAgentService(deps: AgentServiceDeps): AgentService {
  const env = deps.env ?? process.env;
  // Traces stay in our SQLite (the transcript); the SDK must never export them to a remote service.
  setTracingDisabled(true);
  const keys = deps.keySealer
    ? createSealedKeyStore(deps.dataDir, env, deps.keySealer)
    : createFileKeyStore(deps.dataDir, env);
  const settings = createAgentSettingsService({ ...deps, env, keys });
  // The runtime and the paused turns need each other: a run that pauses may find its answers in.
  let paused: PausedTurns | null = null;
  const runtime = createAgentRuntime(deps, {
    env,
    keys,
    settings,
    resume: (turnId) => paused?.resume(turnId) ?? Promise.resolve(),
  });
  paused = createPausedTurns(runtime);
  const pausedTurns = paused;
  const starter = createTurnStarter(runtime, pausedTurns);
  const { sessions, turns, writer } = runtime;

  return {
    settings,
    writer,

    startTurn: ({ threadId, message, provider, model }) =>
      starter.start(threadId, message, { provider, model }),

    continueTurn: (threadId, message) => starter.continue(threadId, message),

    async interrupt(threadId) {
      const active = sessions.get(threadId);
      if (active) {
        active.session.abort.abort();
        await active.done;
        return;
      }
      const waiting = pausedTurns.waitingTurn(threadId);
      if (!waiting) throw new SkeinError('INVALID_STATE', 'No turn is running in this thread.', { threadId });
      await pausedTurns.end(waiting.id, 'interrupted', null);
    },

    steer(threadId, message) {
      const active = sessions.get(threadId);
      if (!active) return pausedTurns.steer(threadId, message);
      active.session.steer(message);
      return { turnId: active.session.turn.id };
    },

    transcript(threadId) {
      deps.threads.get(threadId);
      writer.flush();
      return { turns: turns.ofThread(threadId), items: writer.rows.ofThread(threadId) };
    },

    async respond(approvalId, decision, message) {
      const approval = deps.approvals.resolve(approvalId, decision, message);
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

    proposeCommitMessage: (threadId, diffText) => proposeCommitMessage(runtime, threadId, diffText),

    recover: () => recoverTurns(runtime),

    idle: () => runtime.idle(),

    dispose: () => runtime.dispose(),
  };
}
