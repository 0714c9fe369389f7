import type { AgentService } from '../core/agents';
import { createAttemptService, type AttemptService } from '../core/attempts';
import { createCheckService, type CheckService } from '../core/checks';
import type { GitQueue } from '../core/git';
import { createManagerService, type ManagerService, type ManagerServiceDeps } from '../core/managers';
import type { ProjectService } from '../core/projects';
import type { ReviewService } from '../core/review';
import type { SqliteDatabase } from '../core/store';
import type { ThreadService } from '../core/threads';
import type { Broadcaster } from './connection';

export interface OrchestrationDeps {
  db: SqliteDatabase;
  git: GitQueue;
  broadcaster: Broadcaster;
  projects: ProjectService;
  threads: ThreadService;
  agents: AgentService;
  review: ReviewService;
  dataDir: string;
  /** Where the check's environment comes from (the agents' env; process.env by default). */
  env?: NodeJS.ProcessEnv;
  recordSpan: ManagerServiceDeps['recordSpan'];
}

export interface Orchestration {
  checks: CheckService;
  attempts: AttemptService;
  managers: ManagerService;
}

/**
 * The services that run several threads on one job (attempts, manager threads) and the project's
 * check that judges them, wired to the thread and turn events they follow.
 */
export function createOrchestration(deps: OrchestrationDeps): Orchestration {
  const { db, git, broadcaster, projects, threads, agents, review, dataDir } = deps;
  const checks = createCheckService({
    projects,
    dataDir,
    env: deps.env,
    secrets: () => agents.keySecrets(),
  });
  const attempts = createAttemptService({
    db,
    git,
    publisher: broadcaster,
    projects,
    threads,
    agents,
    review,
    checks,
  });
  broadcaster.on('turn/completed', ({ turn }) => attempts.turnCompleted(turn));
  broadcaster.on('thread/updated', ({ thread }) => attempts.threadUpdated(thread));
  broadcaster.on('thread/removed', ({ threadId }) => attempts.threadRemoved(threadId));
  const managers = createManagerService({
    db,
    git,
    publisher: broadcaster,
    threads,
    projects,
    agents,
    dataDir,
    checks,
    recordSpan: deps.recordSpan,
  });
  broadcaster.on('turn/started', ({ turn }) => managers.turnStarted(turn));
  broadcaster.on('turn/completed', ({ turn }) => managers.turnCompleted(turn));
  broadcaster.on('thread/updated', ({ thread }) => managers.threadChanged(thread));
  broadcaster.on('thread/removed', ({ threadId }) => managers.threadRemoved(threadId));
  return { checks, attempts, managers };
}
