import type { Tool } from '@openai/agents';
import type { Manager, Thread, ThreadBackend, Turn } from '../../../src-shared/contract';
import type { AgentService } from '../agents';
import type { ToolEnvironment } from '../agents/tools/tool-environment';
import type { CheckService } from '../checks';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';

/** A span for the traces: a worker's life on its manager's thread, or one hand-back on the worker's. */
export interface ManagerSpan {
  threadId: string;
  turnId: string | null;
  kind: 'handoff' | 'worker';
  name: string;
  startedAt: number;
  endedAt: number | null;
  attributes: Record<string, string | number | boolean>;
}

export interface ManagerServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  threads: ThreadService;
  projects: ProjectService;
  agents: Pick<AgentService, 'startTurn' | 'steer' | 'interrupt' | 'transcript'>;
  dataDir: string;
  /** Runs the project's check (the gate's), sharing the host's check slots with attempts. */
  checks: Pick<CheckService, 'run'>;
  /** The traces' recorder; spans are dropped without it. */
  recordSpan?: (span: ManagerSpan) => void;
}

export interface StartManagerInput {
  projectId: string;
  title: string;
  task: string;
  base?: string;
  workerBackend?: ThreadBackend;
}

export interface ManagerService {
  /** A manager thread (built-in agent) whose first turn, once its worktree is ready, is `task`. */
  start(input: StartManagerInput): Promise<{ thread: Thread; manager: Manager }>;
  /** The thread's manager: itself when it is one, its manager when it is a worker, else null. */
  get(threadId: string): Manager | null;
  list(projectId: string): Manager[];
  runGate(managerThreadId: string): Promise<Manager>;
  waiveGate(managerThreadId: string, reason: string): Manager;
  /** The extra tools of a thread's agent (AgentServiceDeps.extraTools): a manager's or a worker's. */
  extraTools(thread: Thread, env: ToolEnvironment): Tool<unknown>[];
  /** Broadcaster hooks: worker state follows its turns and its thread. */
  turnStarted(turn: Turn): void;
  turnCompleted(turn: Turn): void;
  threadChanged(thread: Thread): void;
  threadRemoved(threadId: string): void;
  /** `wait_for_workers` calls still waiting (tests: an interrupted manager leaves none). */
  waitsInProgress(): number;
  /** Ends waits and stops gate checks still running. */
  dispose(): Promise<void>;
}
