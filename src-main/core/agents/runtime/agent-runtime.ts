import { Runner, type AgentInputItem, type MCPServer, type RunState, type Tool } from '@openai/agents';
import type { SkeinError, Thread, ThreadOverlaps, Turn } from '../../../../src-shared/contract';
import { resolveSafety, type ApprovalService } from '../../approvals';
import type { Publisher } from '../../events';
import type { GitQueue } from '../../git';
import { createLogger } from '../../log';
import type { ProjectService } from '../../projects';
import type { AgentSkillSource } from '../../skills';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';
import { createMcpManager } from '../mcp/mcp-manager';
import type { McpEnabledFilter, McpManager } from '../mcp/types';
import type { AgentSettingsService } from '../settings/agent-settings-service';
import type { OutputScrubber } from '../scrub/output-scrubber';
import type { KeyStore } from '../settings/key-store';
import type { SecretSealer } from '../settings/sealed-key-store';
import type { ToolEnvironment } from '../tools/tool-environment';
import type { SetupDeps, SkeinAgent } from './agent-setup';
import type { ModelCallHooks } from './model-hooks';
import { createConversationRows, type ConversationRows } from './conversation-rows';
import { DeltaCoalescer } from './delta-coalescer';
import { createItemWriter, type ItemWriter } from './item-writer';
import { createThreadStatusWriter, type ThreadStatusWriter } from './thread-status';
import { createUnsavedTurnEnds, type UnsavedTurnEnds } from './turn-end-store';
import { TurnRecorder } from './turn-recorder';
import { createTurnRows, type TurnRows } from './turn-rows';
import { type TurnSession, type RuntimeResumeData, type SessionDeps } from './turn-session';
import { createTurnSnapshots, type TurnSnapshots } from './turn-snapshots';

const log = createLogger('agents');

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
  /** Starts and stops the configured MCP servers (the host's); without it the runtime keeps its own. */
  mcpManager?: McpManager;
  /** Which configured MCP servers a thread's turn gets (per project and per thread); all without it. */
  mcpEnabled?: McpEnabledFilter;
  /** How long an MCP server no turn holds keeps running, for the runtime's own manager (tests shorten it). */
  mcpIdleStopMs?: number;
  /** Seals stored keys with the system keyring (the desktop app); without it keys go to a 0600 file. */
  keySealer?: SecretSealer;
  /** The host's key store (provider keys and named secrets); built from `keySealer` without it. */
  keys?: KeyStore;
  /** The scrubber of secret values in tool output, over `keys` (create-host's); built over `keys` without it. */
  outputScrubber?: OutputScrubber;
  /**
   * The conflict radar's answer for a thread, for the agent tool `thread_overlaps` (no tool without
   * it). Called late: the radar is built after the agent service.
   */
  threadOverlaps?: (threadId: string) => Promise<ThreadOverlaps>;
  /** The thread's enabled skills: listed in the instructions, a `$name` mention brings one into a turn. */
  skills?: AgentSkillSource;
  /** Observers of every model call (traces, budgets). */
  modelHooks?: ModelCallHooks[];
  /**
   * More tools for a thread's agent, decided per thread (a manager's worker tools, a worker's
   * `hand_back`). Called at each turn's setup; names must be stable for a thread (paused runs refer to them).
   */
  extraTools?: (thread: Thread, env: ToolEnvironment) => Tool<unknown>[];
  /** Budgets (core/budgets): no turn starts over budget; a backend turn stops once its usage reaches one. */
  budgets?: TurnBudgets;
  /**
   * The sentence for a write the data folder refused (read-only, full), or null for any other error
   * (the host's `dataDirFailure`). A turn whose write is refused stops with it; without it such
   * writes fail like any other error.
   */
  storeFailure?: (error: unknown) => SkeinError | null;
}

/** What the runtime asks of budgets; the built-in agent's model calls are stopped by a model hook instead. */
export interface TurnBudgets {
  /** Throws BUDGET_REACHED while the thread or its project is over budget. */
  assertCanRun(threadId: string): void;
  /** The pause in words once a budget of the thread is reached, else null. */
  stopReason(threadId: string): string | null;
}

/**
 * What the agent service's parts share: the stores, the running sessions and the background work
 * they wait for. One per host.
 */
export interface AgentRuntime {
  readonly deps: AgentServiceDeps;
  readonly env: NodeJS.ProcessEnv;
  readonly keys: KeyStore;
  readonly settings: AgentSettingsService;
  readonly turns: TurnRows;
  readonly conversations: ConversationRows;
  readonly writer: ItemWriter;
  /** Turn ends the data folder refused, written once it takes writes again. */
  readonly unsaved: UnsavedTurnEnds;
  readonly snapshots: TurnSnapshots;
  readonly setThreadStatus: ThreadStatusWriter;
  readonly setupDeps: SetupDeps;
  /** The configured MCP servers: a turn holds them from its setup until it ends or pauses. */
  readonly mcp: McpManager;
  readonly sessionDeps: SessionDeps;
  /** The running turn of each thread. */
  readonly sessions: Map<string, { session: TurnSession; done: Promise<void> }>;
  /** Paused turns being rebuilt to run on (between an answer and their session existing). */
  readonly resuming: Set<string>;
  /** Aborted when the host stops (one-shot model calls listen to it). */
  readonly stopping: AbortSignal;
  isDisposed(): boolean;
  recorderFor(turn: Turn, cwd: string): TurnRecorder;
  /** Runs `session` in the background as its thread's running turn. */
  launch(
    session: TurnSession,
    input: AgentInputItem[] | RunState<unknown, SkeinAgent>,
    compaction: RuntimeResumeData['compaction'],
  ): void;
  /** Background work (snapshots) that `idle` and `dispose` wait for; failures are logged. */
  track(work: Promise<unknown>): void;
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export function createAgentRuntime(
  deps: AgentServiceDeps,
  parts: {
    env: NodeJS.ProcessEnv;
    keys: KeyStore;
    settings: AgentSettingsService;
    scrubber: OutputScrubber;
    /** Picks a paused turn up again (its approvals were answered while it wound down). */
    resume(turnId: string): Promise<void>;
  },
): AgentRuntime {
  const runner = new Runner({ tracingDisabled: true, traceIncludeSensitiveData: false });
  const turns = createTurnRows(deps.db);
  const sessions = new Map<string, { session: TurnSession; done: Promise<void> }>();
  const storeFailure = deps.storeFailure ?? (() => null);
  const writer = createItemWriter(deps.db, {
    storeFailure,
    // Every running turn that wrote into the refused batch stops: clients must not wait on it.
    onRefused: (failure, turnIds) => {
      for (const { session } of sessions.values()) {
        if (turnIds.has(session.turn.id)) session.stopForStore(failure);
      }
      unsaved.retryLater();
    },
  });
  const coalescer = new DeltaCoalescer(deps.publisher);
  const setThreadStatus = createThreadStatusWriter(deps.db, deps.threads, deps.publisher);
  const conversations = createConversationRows(deps.db);
  const unsaved = createUnsavedTurnEnds({
    parts: { rows: writer.rows, turns, conversations, setThreadStatus },
    writer,
    threads: deps.threads,
    publisher: deps.publisher,
    storeFailure,
  });
  const snapshots = createTurnSnapshots({ git: deps.git, turns });
  const ownsMcp = !deps.mcpManager;
  const mcp = deps.mcpManager ?? createMcpManager({ idleStopMs: deps.mcpIdleStopMs });
  // A crash or restart of a server is told in the transcript of each running turn that holds it.
  const stopReporting = mcp.addReporter((threadId, message) =>
    sessions.get(threadId)?.session.recorder.error(message),
  );
  /** Sessions whose MCP servers were released (a session is released when it pauses and again when its run ends). */
  const mcpReleased = new WeakSet<TurnSession>();
  const running = new Set<Promise<void>>();
  const resuming = new Set<string>();
  const stopping = new AbortController();
  let disposed = false;

  const release = (session: TurnSession): void => {
    if (sessions.get(session.thread.id)?.session === session) sessions.delete(session.thread.id);
    if (!mcpReleased.has(session)) {
      mcpReleased.add(session);
      mcp.release(session.thread.id);
    }
  };

  const setupDeps: SetupDeps = {
    git: deps.git,
    keys: parts.keys,
    env: parts.env,
    scrubber: parts.scrubber,
    dataDir: deps.dataDir,
    mcpServers: deps.mcpServers ?? [],
    skills: deps.skills,
    mcp,
    mcpEnabled: deps.mcpEnabled,
    modelHooks: deps.modelHooks ?? [],
    extraTools: deps.extraTools,
    safety: (thread) => resolveSafety(parts.settings.layers({ threadId: thread.id })),
    commandRules: (threadId) => deps.approvals.commandRules(threadId),
    patchesAllowed: (threadId) => deps.approvals.patchesAllowed(threadId),
    toolAllowed: (threadId, key) => deps.approvals.toolAllowed(threadId, key),
    threadOverlaps: deps.threadOverlaps,
  };

  const sessionDeps: SessionDeps = {
    runner,
    turns,
    conversations,
    approvals: deps.approvals,
    publisher: deps.publisher,
    setThreadStatus,
    snapshots,
    disposed: () => disposed,
    storeFailure,
    saveEnd: (end) => unsaved.save(end),
    resumeLater: (turnId) => queueMicrotask(() => void parts.resume(turnId)),
    release,
  };

  return {
    deps,
    env: parts.env,
    keys: parts.keys,
    settings: parts.settings,
    turns,
    conversations,
    writer,
    unsaved,
    snapshots,
    setThreadStatus,
    setupDeps,
    mcp,
    sessionDeps,
    sessions,
    resuming,
    stopping: stopping.signal,
    isDisposed: () => disposed,
    recorderFor(turn, cwd) {
      // Every turn, whoever runs it, reads the secrets again: a hand edit of the key file counts too.
      void parts.scrubber.refresh();
      return new TurnRecorder(turn, {
        writer,
        turns,
        coalescer,
        publisher: deps.publisher,
        cwd,
        scrubber: parts.scrubber,
      });
    },
    launch(session, input, compaction) {
      const done = session
        .run(input, compaction)
        .catch((error: unknown) => log.error(`Turn ${session.turn.id} crashed`, error))
        .finally(() => {
          release(session);
          running.delete(done);
        });
      running.add(done);
      sessions.set(session.thread.id, { session, done });
    },
    track(work) {
      const done: Promise<void> = work
        .then(() => undefined)
        .catch((error: unknown) => log.error('Background agent work failed', error))
        .finally(() => running.delete(done));
      running.add(done);
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
      stopping.abort();
      for (const { session } of sessions.values()) session.abort.abort();
      await Promise.allSettled([...running]);
      coalescer.dispose();
      unsaved.dispose();
      writer.dispose();
      stopReporting();
      if (ownsMcp) await mcp.dispose();
    },
  };
}
