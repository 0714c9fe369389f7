import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { MCPServer } from '@openai/agents';
import type { HostInfo, MessageChannel, ReconcileAction } from '../../src-shared/contract';
import {
  createAgentService,
  createKeyStore,
  createOutputScrubber,
  createMcpEnabledFilter,
  createMcpEnabledRows,
  createMcpManager,
  createMcpService,
  type AgentService,
  type BackendHostOptions,
  type McpService,
  type SecretSealer,
} from '../core/agents';
import type { McpManager } from '../core/agents/mcp/types';
import { createApprovalService, type ApprovalService } from '../core/approvals';
import type { AttemptService } from '../core/attempts';
import { createBudgetService, type BudgetService } from '../core/budgets';
import type { CheckService } from '../core/checks';
import { createConflictService, type ConflictService } from '../core/conflicts';
import { createGitQueue, gitVersionProblem, type GitQueue } from '../core/git';
import { createLogger } from '../core/log';
import type { ManagerService, ManagerServiceDeps } from '../core/managers';
import { createMergeService, type MergeService } from '../core/merge';
import { createProjectService, type ProjectService } from '../core/projects';
import { createRebaseService, type RebaseService } from '../core/rebase';
import { createReviewService, type ReviewService } from '../core/review';
import { createReviewCommentService, type ReviewCommentService } from '../core/review-comments';
import { createReviewAgentService, type ReviewAgentService } from '../core/review-agent';
import { createSkillService, resolveSkillHomes, type SkillService } from '../core/skills';
import { openDatabase, type SqliteDatabase } from '../core/store';
import { createTerminalService, type TerminalService } from '../core/terminals';
import { createCliAgentService, type CliAgentService, type CliAgentServiceOptions } from '../core/cli-agents';
import { createThreadService, createTrashRows, type ThreadService } from '../core/threads';
import { createTraceService, type TraceService } from '../core/traces';
import { Broadcaster, createConnection, type Connection } from './connection';
import { dataDirFailure } from './data-dir';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { createOrchestration } from './create-orchestration';
import { registerAllHandlers } from './handlers';
import { Router } from './router';
import { SKEIN_VERSION } from './version';

const log = createLogger('host');

export interface HostOptions {
  dataDir: string;
  /** CLI agents in terminals: the PATH to search and status timing (tests); the login shell's PATH by default. */
  cliAgents?: Pick<CliAgentServiceOptions, 'env' | 'loginPath' | 'timing'>;
  /** Shell for terminals; defaults to the user's login shell ($SHELL). */
  shell?: string;
  /** Parallel git subprocesses; default 4 (a 2-core laptop stays responsive, a big one is not starved). */
  gitConcurrency?: number;
  /**
   * The built-in agent: where it reads keys, endpoints and SKEIN_MODEL (process.env by default), MCP
   * servers, and the desktop app's keyring for stored keys (a 0600 file without it).
   */
  agents?: {
    env?: NodeJS.ProcessEnv;
    mcpServers?: MCPServer[];
    keySealer?: SecretSealer;
    /** How long a configured MCP server no turn uses keeps running (tests shorten it). */
    mcpIdleStopMs?: number;
    /** Where Codex runs for Codex threads (CODEX_HOME, environment); the user's own by default. */
    backends?: BackendHostOptions;
  };
  /** Merge and publish: where git finds the user's identity and config, and `gh` (PATH); process.env by default. */
  merge?: { env?: NodeJS.ProcessEnv };
  /** Skills: the HOME holding ~/.agents, ~/.claude, ~/.codex ($HOME and $CODEX_HOME of the agents' env by default). */
  skills?: { home?: string; codexHome?: string };
  /** How often the running host looks for deleted repositories and worktrees (MISSING_CHECK_INTERVAL_MS by default; tests shorten it). */
  missingCheckMs?: number;
  /** Manager threads: where their worker and hand-off spans go (tests observe them; the traces otherwise). */
  managers?: { recordSpan?: ManagerServiceDeps['recordSpan'] };
}

export interface HostServices {
  dataDir: string;
  db: SqliteDatabase;
  git: GitQueue;
  broadcaster: Broadcaster;
  projects: ProjectService;
  threads: ThreadService;
  terminals: TerminalService;
  cliAgents: CliAgentService;
  approvals: ApprovalService;
  agents: AgentService;
  /** Token and cost budgets per thread and project (the `budget/*` requests). */
  budgets: BudgetService;
  /** The configured MCP servers' processes and connections. */
  mcpManager: McpManager;
  /** The MCP servers' configurations, switches and imports (the `mcp/*` requests). */
  mcp: McpService;
  merge: MergeService;
  review: ReviewService;
  reviewComments: ReviewCommentService;
  reviewAgent: ReviewAgentService;
  skills: SkillService;
  conflicts: ConflictService;
  rebase: RebaseService;
  /** Manager threads, their workers and gates (the `manager/*` requests). */
  managers: ManagerService;
  /** The project's check command in worktrees (attempts, the managers' gate), two at a time. */
  checks: CheckService;
  /** Attempts (best-of-N): the `attempt/*` and `check/run` requests. */
  attempts: AttemptService;
  /** Timelines, totals, JSONL and OTLP export of what the agents did (the `trace/*` requests). */
  traces: TraceService;
  info(): HostInfo;
}

export interface Host {
  readonly router: Router;
  readonly services: HostServices;
  /** Attaches a client; every frame it sends is routed, every notification reaches it. */
  connect(channel: MessageChannel): Connection;
  dispose(): Promise<void>;
}

async function readGitVersion(git: GitQueue, cwd: string): Promise<string | null> {
  try {
    const { stdout } = await git.run(['--version'], { cwd });
    return stdout.trim().replace(/^git version\s+/, '');
  } catch {
    return null;
  }
}

export async function createHost(options: HostOptions): Promise<Host> {
  const dataDir = options.dataDir;
  let lock: DataDirLock | null = null;
  let db: SqliteDatabase;
  try {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    db = openDatabase(join(dataDir, 'skein.db'));
  } catch (error) {
    lock?.release();
    // A read-only or full data folder is the user's to fix: say which folder and what to do.
    throw dataDirFailure(error, dataDir) ?? error;
  }
  const heldLock = lock;
  const git = createGitQueue({ concurrency: options.gitConcurrency ?? 4 });
  const broadcaster = new Broadcaster();
  const terminals = createTerminalService({ db, publisher: broadcaster, shell: options.shell });
  const projects = createProjectService({ db, git, publisher: broadcaster });
  const threads = createThreadService({ db, git, publisher: broadcaster, projects, terminals, dataDir });
  const cliAgents = createCliAgentService({
    db,
    publisher: broadcaster,
    terminals,
    dataDir,
    ...options.cliAgents,
  });

  const startedAt = Date.now();
  const gitVersion = await readGitVersion(git, dataDir);
  // Degrade rather than refuse: transcripts, terminals and settings still work, and the window can show why.
  const gitProblem = gitVersionProblem(gitVersion);
  if (gitProblem) log.error(gitProblem);
  let reconcile: ReconcileAction[] = [];
  try {
    reconcile = await threads.reconcile();
  } catch (error) {
    log.error('Start-up reconcile failed', error);
  }
  if (reconcile.length > 0) log.warn(`Reconcile repaired or reported ${reconcile.length} item(s)`, reconcile);
  const skills = createSkillService({
    db,
    git,
    publisher: broadcaster,
    projects,
    threads,
    dataDir,
    homes: resolveSkillHomes(options.skills, options.agents?.env),
  });
  // One key store for provider keys and named secrets (MCP env and headers, OTLP headers).
  // Its scrubber replaces those values in what agents' tools print and in approval questions;
  // writes through `keys` update it.
  const outputScrubber = createOutputScrubber(
    createKeyStore(dataDir, options.agents?.env ?? process.env, options.agents?.keySealer),
    options.agents?.env ?? process.env,
  );
  const keys = outputScrubber.keys;
  const approvals = createApprovalService(db, broadcaster, (text) => outputScrubber.text(text));
  // Late: the settings that hold the references are the agents'; a server starts only after they exist.
  let agentsLate: AgentService | null = null;
  const mcpManager = createMcpManager({
    idleStopMs: options.agents?.mcpIdleStopMs,
    unseal: (config) => (agentsLate ? agentsLate.settings.unsealMcpServer(config) : Promise.resolve(config)),
  });
  const traces = createTraceService({ db, version: SKEIN_VERSION, secrets: keys.named });
  const budgets = createBudgetService({ db, publisher: broadcaster, threads, projects });
  // The radar is built after the agents (it follows their turns); the agent tool reaches it late.
  let conflictsLate: ConflictService | null = null;
  // Managers start threads and turns through the agents, and give the agents their tools: bound late.
  let managersLate: ManagerService | null = null;
  const agents = createAgentService({
    db,
    git,
    publisher: broadcaster,
    threads,
    projects,
    approvals,
    dataDir,
    storeFailure: (error) => dataDirFailure(error, dataDir),
    skills,
    mcpManager,
    mcpEnabled: createMcpEnabledFilter(createMcpEnabledRows(db), threads),
    threadOverlaps: (threadId) => {
      if (!conflictsLate) throw new Error('The conflict radar is not running yet.');
      return conflictsLate.overlaps(threadId);
    },
    extraTools: (thread, toolEnv) => managersLate?.extraTools(thread, toolEnv) ?? [],
    modelHooks: [budgets.modelHooks, traces.modelHook],
    budgets,
    keys,
    outputScrubber,
    ...options.agents,
  });
  agentsLate = agents;
  broadcaster.on('project/removed', ({ projectId }) => void agents.settings.forgetProject(projectId));
  broadcaster.on('turn/completed', ({ turn }) => budgets.turnCompleted(turn));
  broadcaster.on('turn/completed', ({ turn }) => traces.turnCompleted(turn));
  agents.recover();
  // Deleted repositories and worktree folders are noticed while running, not only at the next start.
  const missing = threads.watchMissing({
    intervalMs: options.missingCheckMs,
    interrupt: (threadId, reason) => agents.interrupt(threadId, reason),
  });
  const mcp = createMcpService({
    db,
    publisher: broadcaster,
    settings: agents.settings,
    projects,
    threads,
    manager: mcpManager,
    places: {
      ...resolveSkillHomes(options.skills, options.agents?.env),
      env: options.agents?.env ?? process.env,
    },
  });
  const merge = createMergeService({
    git,
    publisher: broadcaster,
    projects,
    threads,
    transcript: (threadId) => agents.transcript(threadId),
    env: options.merge?.env,
  });
  const review = createReviewService({
    git,
    publisher: broadcaster,
    threads,
    projects,
    agents,
    trashRows: createTrashRows(db),
  });
  broadcaster.on('thread/updated', ({ thread }) => {
    if (thread.archivedAt !== null) void review.threadGone(thread.id);
  });
  broadcaster.on('thread/removed', ({ threadId }) => void review.threadGone(threadId));
  const reviewComments = createReviewCommentService({
    db,
    git,
    publisher: broadcaster,
    threads,
    projects,
    agents,
  });
  broadcaster.on('turn/completed', ({ turn }) => reviewComments.turnCompleted(turn));
  const reviewAgent = createReviewAgentService({
    db,
    git,
    publisher: broadcaster,
    threads,
    review,
    agents,
    codex: options.agents?.backends?.codex,
    env: options.agents?.env,
  });
  const conflicts = createConflictService({ git, publisher: broadcaster, threads, projects });
  conflictsLate = conflicts;
  broadcaster.on('thread/updated', ({ thread }) => conflicts.threadChanged(thread));
  broadcaster.on('thread/removed', ({ threadId }) => conflicts.threadRemoved(threadId));
  broadcaster.on('turn/completed', ({ turn }) => conflicts.turnCompleted(turn.threadId));
  conflicts.startAll();
  // Rebases commit as the merge service does: the same environment decides the user's identity.
  const rebase = createRebaseService({
    git,
    publisher: broadcaster,
    threads,
    projects,
    agents,
    trashRows: createTrashRows(db),
    env: options.merge?.env,
  });

  const { checks, attempts, managers } = createOrchestration({
    db,
    git,
    broadcaster,
    projects,
    threads,
    agents,
    review,
    dataDir,
    env: options.agents?.env,
    recordSpan: options.managers?.recordSpan ?? ((span) => void traces.record(span)),
  });
  managersLate = managers;

  const services: HostServices = {
    dataDir,
    db,
    git,
    broadcaster,
    projects,
    threads,
    terminals,
    cliAgents,
    approvals,
    agents,
    budgets,
    mcpManager,
    mcp,
    merge,
    review,
    reviewComments,
    reviewAgent,
    skills,
    conflicts,
    rebase,
    managers,
    traces,
    checks,
    attempts,
    info: () => ({
      version: SKEIN_VERSION,
      dataDir,
      platform: process.platform,
      gitVersion,
      startedAt,
      reconcile,
    }),
  };

  const router = new Router({
    translateError: (error) => dataDirFailure(error, dataDir),
    explainError: (error) => missing.explain(error),
  });
  registerAllHandlers(router, services);

  let disposed = false;
  return {
    router,
    services,
    connect(channel) {
      const connection = createConnection(channel);
      broadcaster.add(connection);
      channel.onMessage((text) => {
        void router.handle(text, { connection }).then((response) => {
          if (response !== null) connection.send(response);
        });
      });
      if (gitProblem) connection.notify('host/notice', { level: 'error', message: gitProblem });
      if (reconcile.length > 0) {
        connection.notify('host/notice', {
          level: 'warning',
          message: `Skein found ${reconcile.length} thing(s) changed outside it since the last run and reconciled them.`,
          actions: reconcile,
        });
      }
      return connection;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await missing.dispose();
      merge.dispose();
      await conflicts.dispose();
      checks.dispose();
      await attempts.dispose();
      await managers.dispose();
      await agents.dispose();
      mcp.dispose();
      await mcpManager.dispose();
      await review.dispose();
      await reviewComments.dispose();
      await reviewAgent.dispose();
      await skills.dispose();
      await threads.dispose();
      await cliAgents.dispose();
      await traces.dispose();
      await terminals.dispose();
      git.dispose();
      db.close();
      heldLock.release();
    },
  };
}
