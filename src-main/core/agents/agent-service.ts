import { randomUUID } from 'node:crypto';
import { RunState, Runner, setTracingDisabled, type AgentInputItem, type MCPServer } from '@openai/agents';
import {
  SkeinError,
  type Approval,
  type ApprovalDecision,
  type Item,
  type ProviderKind,
  type Thread,
  type Turn,
} from '../../../src-shared/contract';
import { publicApproval, resolveSafety, type ApprovalService } from '../approvals';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import { createLogger } from '../log';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';
import { buildTurnSetup, type SetupDeps, type SkeinAgent } from './runtime/agent-setup';
import { createConversationRows } from './runtime/conversation-rows';
import { DeltaCoalescer } from './runtime/delta-coalescer';
import { closeDanglingCalls, userInput } from './runtime/history';
import { createItemWriter, type ItemWriter } from './runtime/item-writer';
import { createThreadStatusWriter } from './runtime/thread-status';
import { TurnRecorder } from './runtime/turn-recorder';
import { createTurnRows } from './runtime/turn-rows';
import { CRASH_RESULT, TurnSession, type RuntimeResumeData, type SessionDeps } from './runtime/turn-session';
import { createAgentSettingsService, type AgentSettingsService } from './settings/agent-settings-service';
import { createKeyStore } from './settings/key-store';

const log = createLogger('agents');

const CONTINUE_MESSAGE = 'Continue the task from where you stopped. The previous turn was cut off.';
const CRASH_DETAIL = 'The host stopped in the middle of a turn; continue it to pick up where it stopped.';
/** Threads an agent cannot work in (no worktree yet, or none any more). */
const NOT_RUNNABLE: ReadonlySet<Thread['status']> = new Set([
  'creating',
  'setting_up',
  'setup_failed',
  'archived',
  'missing',
]);

export interface AgentServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
  approvals: ApprovalService;
  dataDir: string;
  /** Where provider keys, base URLs, SKEIN_MODEL and OLLAMA_HOST are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** MCP servers whose tools every agent gets (connected by their owner). */
  mcpServers?: MCPServer[];
}

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
  /** Marks turns a crash cut off as interrupted; run once at start-up. */
  recover(): void;
  /** Resolves when no turn is running (tests, benchmarks). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export function createAgentService(deps: AgentServiceDeps): AgentService {
  const env = deps.env ?? process.env;
  // Traces stay in our SQLite (the transcript); the SDK must never export them to a remote service.
  setTracingDisabled(true);
  const runner = new Runner({ tracingDisabled: true, traceIncludeSensitiveData: false });
  const keys = createKeyStore(deps.dataDir, env);
  const settings = createAgentSettingsService({ ...deps, env, keys });
  const turns = createTurnRows(deps.db);
  const conversations = createConversationRows(deps.db);
  const writer = createItemWriter(deps.db);
  const coalescer = new DeltaCoalescer(deps.publisher);
  const setThreadStatus = createThreadStatusWriter(deps.db, deps.threads, deps.publisher);
  const sessions = new Map<string, { session: TurnSession; done: Promise<void> }>();
  const declineMessages = new Map<string, string>();
  const resuming = new Set<string>();
  /** Threads whose turn is being set up (between the checks and the session existing). */
  const starting = new Set<string>();
  let disposed = false;

  const setupDeps: SetupDeps = {
    git: deps.git,
    keys,
    env,
    dataDir: deps.dataDir,
    mcpServers: deps.mcpServers ?? [],
    safety: (thread) => resolveSafety(settings.layers({ threadId: thread.id })),
    commandRules: (threadId) => deps.approvals.commandRules(threadId),
    patchesAllowed: (threadId) => deps.approvals.patchesAllowed(threadId),
  };

  const sessionDeps: SessionDeps = {
    runner,
    turns,
    conversations,
    approvals: deps.approvals,
    publisher: deps.publisher,
    setThreadStatus,
    disposed: () => disposed,
    resumeLater: (turnId) => queueMicrotask(() => void resume(turnId)),
    release: (session) => release(session),
  };

  const running = new Set<Promise<void>>();
  function release(session: TurnSession): void {
    if (sessions.get(session.thread.id)?.session === session) sessions.delete(session.thread.id);
  }

  const recorderFor = (turn: Turn, cwd: string) =>
    new TurnRecorder(turn, { writer, turns, coalescer, publisher: deps.publisher, cwd });

  const launch = (
    session: TurnSession,
    input: AgentInputItem[] | RunState<unknown, SkeinAgent>,
    compaction: RuntimeResumeData['compaction'],
  ) => {
    const done = session
      .run(input, compaction)
      .catch((error: unknown) => log.error(`Turn ${session.turn.id} crashed`, error))
      .finally(() => {
        release(session);
        running.delete(done);
      });
    running.add(done);
    sessions.set(session.thread.id, { session, done });
  };

  const runnableThread = (threadId: string): Thread => {
    const thread = deps.threads.get(threadId);
    if (NOT_RUNNABLE.has(thread.status) || thread.archivedAt !== null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" is ${thread.status.replace('_', ' ')}; an agent can only work in a ready thread.`,
        { threadId, status: thread.status },
      );
    }
    const busy = sessions.has(threadId) || starting.has(threadId);
    if (busy || turns.withStatus('waiting_approval').some((t) => t.threadId === threadId)) {
      throw new SkeinError(
        'INVALID_STATE',
        `A turn is already running in "${thread.title}"; steer it, answer its approval, or interrupt it first.`,
        { threadId },
      );
    }
    return thread;
  };

  /** Creates the turn and its first item, then runs it in the background. */
  const begin = async (
    thread: Thread,
    message: string,
    overrides: { provider?: ProviderKind; model?: string },
    history: AgentInputItem[],
    continuesTurnId: string | null,
  ): Promise<Turn> => {
    starting.add(thread.id);
    try {
      return await beginChecked(thread, message, overrides, history, continuesTurnId);
    } finally {
      starting.delete(thread.id);
    }
  };

  const beginChecked = async (
    thread: Thread,
    message: string,
    overrides: { provider?: ProviderKind; model?: string },
    history: AgentInputItem[],
    continuesTurnId: string | null,
  ): Promise<Turn> => {
    const effective = settings.effective({ threadId: thread.id }, overrides);
    const turn = turns.insert({
      id: randomUUID(),
      threadId: thread.id,
      provider: effective.provider,
      model: effective.model,
      continuesTurnId,
    });
    const recorder = recorderFor(turn, thread.worktreePath);
    let setup;
    try {
      setup = await buildTurnSetup(setupDeps, thread, effective, recorder);
    } catch (error) {
      // Nothing ran: the turn row goes away so the transcript does not show a turn that never was.
      deps.db.prepare('DELETE FROM turns WHERE id = ?').run(turn.id);
      throw error;
    }
    recorder.userMessage(message, false);
    const input = [...history, userInput(message)];
    conversations.put(thread.id, input);
    setThreadStatus(thread.id, 'working');
    deps.publisher.publish('turn/started', { turn: { ...turn } });
    launch(
      new TurnSession(thread, recorder, setup, sessionDeps, {
        contextWindow: effective.contextWindow,
        steers: [],
      }),
      input,
      null,
    );
    return { ...turn };
  };

  /** Picks a paused turn up again once every approval it waits on is answered. */
  async function resume(turnId: string): Promise<void> {
    if (disposed || resuming.has(turnId)) return;
    const turn = turns.get(turnId);
    const data = turns.resumeData(turnId);
    if (!turn || turn.status !== 'waiting_approval' || !data) return;
    const answers = deps.approvals.ofTurn(turnId);
    if (answers.some((approval) => approval.status === 'pending')) return;
    resuming.add(turnId);
    try {
      const thread = deps.threads.get(turn.threadId);
      const effective = settings.effective(
        { threadId: thread.id },
        { provider: turn.provider, model: turn.model },
      );
      const recorder = recorderFor(turn, thread.worktreePath);
      const setup = await buildTurnSetup(setupDeps, thread, effective, recorder);
      const runtime = JSON.parse(data.runtimeJson ?? '{}') as Partial<RuntimeResumeData>;
      const state = await RunState.fromString(setup.agent, data.runState);
      for (const interruption of state.getInterruptions()) {
        const callId = (interruption.rawItem as { callId?: string }).callId;
        const answer = answers.filter((approval) => approval.callId === callId).at(-1);
        if (answer?.status === 'approved') {
          state.approve(interruption);
          continue;
        }
        const said = answer ? declineMessages.get(answer.id) : undefined;
        const message = `The user declined this call; it did not run.${said ? ` They said: ${said}` : ''}`;
        state.reject(interruption, { message });
        const item = callId ? recorder.itemForCall(callId) : undefined;
        if (item) recorder.complete(item, {}, 'declined');
      }
      turns.saveResumeData(turnId, null);
      turn.status = 'running';
      turns.save(turn);
      setThreadStatus(thread.id, 'working');
      deps.publisher.publish('turn/started', { turn: { ...turn } });
      const session = new TurnSession(thread, recorder, setup, sessionDeps, {
        contextWindow: effective.contextWindow,
        steers: runtime.steers ?? [],
      });
      launch(session, state, runtime.compaction ?? null);
    } catch (error) {
      log.error(`Could not resume turn ${turnId}`, error);
      endPaused(
        turnId,
        'failed',
        `The turn could not be resumed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      resuming.delete(turnId);
    }
  }

  /** Ends a turn that waits for approvals without running it again (abort, or a resume that failed). */
  function endPaused(turnId: string, status: 'interrupted' | 'failed', error: string | null): void {
    const turn = turns.get(turnId);
    if (!turn || turn.status !== 'waiting_approval') return;
    deps.approvals.abortTurn(turnId);
    turns.saveResumeData(turnId, null);
    const thread = deps.threads.get(turn.threadId);
    const recorder = recorderFor(turn, thread.worktreePath);
    if (error) recorder.error(error);
    const ended = recorder.finish(status, error);
    setThreadStatus(
      turn.threadId,
      status === 'failed' ? 'error' : 'done',
      error ?? 'The turn was interrupted.',
    );
    deps.publisher.publish('turn/completed', { turn: ended });
  }

  return {
    settings,
    writer,

    startTurn({ threadId, message, provider, model }) {
      const thread = runnableThread(threadId);
      return begin(thread, message, { provider, model }, conversations.get(threadId), null);
    },

    continueTurn(threadId, message) {
      const thread = runnableThread(threadId);
      const last = turns.last(threadId);
      if (!last || (last.status !== 'interrupted' && last.status !== 'failed')) {
        throw new SkeinError(
          'INVALID_STATE',
          'The last turn of this thread was not cut off; start a new turn instead.',
          {
            threadId,
          },
        );
      }
      const history = closeDanglingCalls(conversations.get(threadId), CRASH_RESULT);
      return begin(
        thread,
        message ?? CONTINUE_MESSAGE,
        { provider: last.provider, model: last.model },
        history,
        last.id,
      );
    },

    async interrupt(threadId) {
      const active = sessions.get(threadId);
      if (active) {
        active.session.abort.abort();
        await active.done;
        return;
      }
      const waiting = turns.withStatus('waiting_approval').find((turn) => turn.threadId === threadId);
      if (!waiting) throw new SkeinError('INVALID_STATE', 'No turn is running in this thread.', { threadId });
      endPaused(waiting.id, 'interrupted', null);
    },

    steer(threadId, message) {
      const active = sessions.get(threadId);
      if (active) {
        active.session.steer(message);
        return { turnId: active.session.turn.id };
      }
      const waiting = turns.withStatus('waiting_approval').find((turn) => turn.threadId === threadId);
      const data = waiting ? turns.resumeData(waiting.id) : null;
      if (!waiting || !data) {
        throw new SkeinError(
          'INVALID_STATE',
          'No turn is running in this thread; start one with your message instead.',
          {
            threadId,
          },
        );
      }
      const runtime = JSON.parse(data.runtimeJson ?? '{}') as Partial<RuntimeResumeData>;
      const next: RuntimeResumeData = {
        compaction: runtime.compaction ?? null,
        steers: [...(runtime.steers ?? []), message],
      };
      turns.saveResumeData(waiting.id, { runState: data.runState, runtimeJson: JSON.stringify(next) });
      recorderFor(waiting, deps.threads.get(threadId).worktreePath).userMessage(message, true);
      writer.flush();
      return { turnId: waiting.id };
    },

    transcript(threadId) {
      deps.threads.get(threadId);
      writer.flush();
      return { turns: turns.ofThread(threadId), items: writer.rows.ofThread(threadId) };
    },

    async respond(approvalId, decision, message) {
      const approval = deps.approvals.resolve(approvalId, decision);
      if (message) declineMessages.set(approvalId, message);
      if (decision === 'abort_turn') {
        const active = sessions.get(approval.threadId);
        if (active?.session.turn.id === approval.turnId) {
          active.session.abort.abort();
          await active.done;
        } else endPaused(approval.turnId, 'interrupted', null);
      } else if (!sessions.has(approval.threadId)) {
        await resume(approval.turnId);
      }
      return publicApproval(deps.approvals.get(approvalId));
    },

    recover() {
      for (const turn of turns.withStatus('running')) {
        writer.rows.interruptOpen(turn.id);
        turn.status = 'interrupted';
        turn.completedAt = Date.now();
        turn.error = 'The host stopped during this turn.';
        turns.save(turn);
        setThreadStatus(turn.threadId, 'error', CRASH_DETAIL);
        log.warn(`Turn ${turn.id} of thread ${turn.threadId} was cut off by a restart; marked interrupted`);
      }
      for (const turn of turns.withStatus('waiting_approval')) {
        setThreadStatus(turn.threadId, 'waiting_approval', 'Waiting for your approval.');
      }
    },

    async idle() {
      while (running.size > 0 || resuming.size > 0) {
        await Promise.allSettled([...running]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const { session } of sessions.values()) session.abort.abort();
      await Promise.allSettled([...running]);
      coalescer.dispose();
      writer.dispose();
    },
  };
}
