import {
  SkeinError,
  type BudgetLimit,
  type BudgetScope,
  type BudgetSpent,
  type BudgetStatus,
  type BudgetView,
  type TokenUsage,
  type Turn,
} from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';
import { createBudgetRows } from './budget-rows';
import { hasLimit, pauseMessage, reachedLimit, refusalMessage } from './budget-rules';

export interface BudgetServiceDeps {
  db: SqliteDatabase;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
}

export interface SetBudgetInput {
  scope: BudgetScope;
  threadId?: string;
  projectId?: string;
  maxTokens: number | null;
  maxUsd: number | null;
}

/** The model-call observer budgets add to the built-in agent (shaped as the runtime's ModelCallHooks). */
export interface BudgetModelHooks {
  before(context: { threadId: string }): void;
  after(
    context: { threadId: string; turnId: string },
    outcome: { usage: TokenUsage; costUsd: number | null },
  ): void;
}

export interface BudgetService {
  view(target: { threadId?: string; projectId?: string }): BudgetView;
  set(input: SetBudgetInput): BudgetView;
  /** Throws BUDGET_REACHED while the thread or its project is over budget: no turn starts or continues. */
  assertCanRun(threadId: string): void;
  /**
   * The pause in words when the thread's budget or its project's is reached (announced as
   * `budget/reached`), else null. Backend turns ask after each usage report.
   */
  stopReason(threadId: string): string | null;
  /** Stops a built-in agent's model call before it happens once a budget is reached. */
  readonly modelHooks: BudgetModelHooks;
  /** A turn ended: its usage is in its row now; clients hear the new totals. */
  turnCompleted(turn: Turn): void;
}

interface LiveTurn {
  threadId: string;
  projectId: string;
  spent: BudgetSpent;
}

const add = (a: BudgetSpent, b: BudgetSpent): BudgetSpent => ({
  tokens: a.tokens + b.tokens,
  costUsd: a.costUsd + b.costUsd,
});

/**
 * Budgets per thread and per project. What was spent is summed from the turns' rows, plus what the
 * model calls of running turns reported that their rows do not show yet (the runtime saves a
 * response's usage when it reads the event, which can be after the SDK already asks for the next call).
 */
export function createBudgetService(deps: BudgetServiceDeps): BudgetService {
  const rows = createBudgetRows(deps.db);
  const live = new Map<string, LiveTurn>();

  /** What running turns reported beyond what their rows say, for the turns `belongs` picks. */
  const unsaved = (belongs: (turn: LiveTurn) => boolean): BudgetSpent => {
    let extra: BudgetSpent = { tokens: 0, costUsd: 0 };
    for (const [turnId, turn] of live) {
      if (!belongs(turn)) continue;
      const saved = rows.turnSpent(turnId);
      extra = add(extra, {
        tokens: Math.max(0, turn.spent.tokens - saved.tokens),
        costUsd: Math.max(0, turn.spent.costUsd - saved.costUsd),
      });
    }
    return extra;
  };

  const status = (
    scope: BudgetScope,
    projectId: string,
    threadId: string | null,
    limit: BudgetLimit,
    spent: BudgetSpent,
  ): BudgetStatus => ({
    scope,
    projectId,
    threadId,
    limit,
    spent,
    reached: hasLimit(limit) && reachedLimit(limit, spent) !== null,
  });

  const threadStatus = (threadId: string, projectId: string): BudgetStatus =>
    status(
      'thread',
      projectId,
      threadId,
      rows.threadLimit(threadId),
      add(
        rows.threadSpent(threadId),
        unsaved((turn) => turn.threadId === threadId),
      ),
    );

  const projectStatus = (projectId: string): BudgetStatus =>
    status(
      'project',
      projectId,
      null,
      rows.projectLimit(projectId),
      add(
        rows.projectSpent(projectId),
        unsaved((turn) => turn.projectId === projectId),
      ),
    );

  const threadView = (threadId: string): BudgetView => {
    const thread = deps.threads.get(threadId);
    const own = threadStatus(threadId, thread.projectId);
    const project = projectStatus(thread.projectId);
    return { thread: own, project, reached: own.reached || project.reached };
  };

  const projectView = (projectId: string): BudgetView => {
    deps.projects.get(projectId);
    const project = projectStatus(projectId);
    return { thread: null, project, reached: project.reached };
  };

  /** The budget that stops the thread (its own first), or null. */
  const stopping = (threadId: string): BudgetStatus | null => {
    const view = threadView(threadId);
    if (view.thread?.reached) return view.thread;
    return view.project.reached ? view.project : null;
  };

  const projectName = (projectId: string): string => deps.projects.get(projectId).name;

  const stopReason = (threadId: string): string | null => {
    const reached = stopping(threadId);
    if (!reached) return null;
    const message = pauseMessage(reached.scope, projectName(reached.projectId), reached.limit, reached.spent);
    deps.publisher.publish('budget/reached', {
      threadId,
      projectId: reached.projectId,
      scope: reached.scope,
      limit: reached.limit,
      spent: reached.spent,
      message,
    });
    return message;
  };

  return {
    view: ({ threadId, projectId }) => (threadId ? threadView(threadId) : projectView(projectId ?? '')),

    set({ scope, threadId, projectId, maxTokens, maxUsd }) {
      const limit = { maxTokens, maxUsd };
      if (scope === 'thread') {
        const thread = deps.threads.get(threadId ?? '');
        rows.setThread(thread.id, limit);
        const view = threadView(thread.id);
        if (view.thread) deps.publisher.publish('budget/updated', { status: view.thread });
        return view;
      }
      const project = deps.projects.get(projectId ?? '');
      rows.setProject(project.id, limit);
      const view = projectView(project.id);
      deps.publisher.publish('budget/updated', { status: view.project });
      return view;
    },

    assertCanRun(threadId) {
      const reached = stopping(threadId);
      if (!reached) return;
      throw new SkeinError(
        'BUDGET_REACHED',
        refusalMessage(reached.scope, projectName(reached.projectId), reached.limit, reached.spent),
        { threadId, scope: reached.scope },
      );
    },

    stopReason,

    modelHooks: {
      before({ threadId }) {
        const message = stopReason(threadId);
        if (message) throw new SkeinError('BUDGET_REACHED', message, { threadId });
      },
      after({ threadId, turnId }, { usage, costUsd }) {
        const known = live.get(turnId);
        const spent = { tokens: usage.inputTokens + usage.outputTokens, costUsd: costUsd ?? 0 };
        if (known) {
          known.spent = add(known.spent, spent);
          return;
        }
        const thread = deps.threads.get(threadId);
        live.set(turnId, { threadId, projectId: thread.projectId, spent });
      },
    },

    turnCompleted(turn) {
      live.delete(turn.id);
      let thread;
      try {
        thread = deps.threads.get(turn.threadId);
      } catch {
        // The thread is gone: nobody shows its budget any more.
        return;
      }
      deps.publisher.publish('budget/updated', { status: threadStatus(thread.id, thread.projectId) });
      deps.publisher.publish('budget/updated', { status: projectStatus(thread.projectId) });
    },
  };
}
