import type {
  AttemptComparison,
  AttemptGroup,
  AttemptVariant,
  CheckResult,
  Thread,
  Turn,
} from '../../../src-shared/contract';
import type { AgentService } from '../agents';
import type { CheckService } from '../checks';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { ReviewService } from '../review';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';

export type AttemptOutcome = 'candidate' | 'winner' | 'discarded';
export type AttemptDiff = { files: number; additions: number; deletions: number };

/** A group as stored. */
export interface GroupRecord {
  id: string;
  projectId: string;
  title: string;
  prompt: string;
  createdAt: number;
  winnerThreadId: string | null;
}

/** An attempt as stored: what is measured (diff, check) is kept so an archived attempt still shows it. */
export interface AttemptRecord {
  groupId: string;
  index: number;
  threadId: string;
  variant: AttemptVariant;
  outcome: AttemptOutcome;
  error: string | null;
  diff: AttemptDiff | null;
  check: CheckResult | null;
}

export interface AttemptServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  projects: Pick<ProjectService, 'get'>;
  threads: Pick<ThreadService, 'start' | 'get' | 'archive'>;
  agents: Pick<AgentService, 'startTurn' | 'interrupt' | 'releaseBackend' | 'turns' | 'settings'>;
  review: Pick<ReviewService, 'files'>;
  checks: CheckService;
  /** How long the group waits for more changes before it sends `attempt/updated` (tests shorten it). */
  updateDelayMs?: number;
}

export interface StartAttemptsInput {
  projectId: string;
  title: string;
  prompt: string;
  base?: string;
  variants: AttemptVariant[];
}

export interface AttemptService {
  start(input: StartAttemptsInput): Promise<AttemptGroup>;
  list(projectId: string): Promise<AttemptGroup[]>;
  /** With fresh diff sizes of every attempt whose worktree is there. */
  get(groupId: string): Promise<AttemptGroup>;
  ofThread(threadId: string): Promise<AttemptGroup | null>;
  /** Starts the check in each attempt (or one) and returns at once; results come with `attempt/updated`. */
  check(groupId: string, threadId?: string): Promise<AttemptGroup>;
  /** The check in any thread's worktree, waited for; kept on the attempt when the thread is one. */
  runCheck(threadId: string): Promise<CheckResult>;
  compare(groupId: string, fromThreadId: string, toThreadId: string): Promise<AttemptComparison>;
  pick(groupId: string, threadId: string): Promise<AttemptGroup>;
  takeHunks(input: {
    groupId: string;
    fromThreadId: string;
    toThreadId: string;
    path: string;
    hunks?: number[];
  }): Promise<{ applied: number; rejected: string[] }>;
  /** Followed from the broadcaster (create-host wires them). */
  threadUpdated(thread: Thread): void;
  threadRemoved(threadId: string): void;
  turnCompleted(turn: Turn): void;
  /** Resolves once no attempt is starting, no check runs and no update is pending (tests). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export type { AttemptComparison };
