import type { BudgetLimit, BudgetSpent } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';
import { NO_LIMIT } from './budget-rules';

interface LimitRow {
  max_tokens: number | null;
  max_usd: number | null;
}

interface SpentRow {
  tokens: number;
  cost: number;
}

const toLimit = (row: LimitRow | undefined): BudgetLimit =>
  row ? { maxTokens: row.max_tokens, maxUsd: row.max_usd } : NO_LIMIT;

/** The budgets' rows, and what the turns spent (summed from the turns table, never stored twice). */
export function createBudgetRows(db: SqliteDatabase) {
  const threadLimit = db.prepare<[string], LimitRow>(
    'SELECT max_tokens, max_usd FROM thread_budgets WHERE thread_id = ?',
  );
  const projectLimit = db.prepare<[string], LimitRow>(
    'SELECT max_tokens, max_usd FROM project_budgets WHERE project_id = ?',
  );
  const putThread = db.prepare(
    `INSERT INTO thread_budgets (thread_id, max_tokens, max_usd, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (thread_id) DO UPDATE SET max_tokens = excluded.max_tokens, max_usd = excluded.max_usd,
       updated_at = excluded.updated_at`,
  );
  const putProject = db.prepare(
    `INSERT INTO project_budgets (project_id, max_tokens, max_usd, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id) DO UPDATE SET max_tokens = excluded.max_tokens, max_usd = excluded.max_usd,
       updated_at = excluded.updated_at`,
  );
  const clearThread = db.prepare('DELETE FROM thread_budgets WHERE thread_id = ?');
  const clearProject = db.prepare('DELETE FROM project_budgets WHERE project_id = ?');
  const threadSpent = db.prepare<[string], SpentRow>(
    `SELECT COALESCE(SUM(input_tokens + output_tokens), 0) AS tokens, COALESCE(SUM(cost_usd), 0) AS cost
     FROM turns WHERE thread_id = ?`,
  );
  const projectSpent = db.prepare<[string], SpentRow>(
    `SELECT COALESCE(SUM(t.input_tokens + t.output_tokens), 0) AS tokens, COALESCE(SUM(t.cost_usd), 0) AS cost
     FROM turns t JOIN threads th ON th.id = t.thread_id WHERE th.project_id = ?`,
  );
  const turnSpent = db.prepare<[string], SpentRow>(
    'SELECT input_tokens + output_tokens AS tokens, COALESCE(cost_usd, 0) AS cost FROM turns WHERE id = ?',
  );
  const toSpent = (row: SpentRow | undefined): BudgetSpent => ({
    tokens: row?.tokens ?? 0,
    costUsd: row?.cost ?? 0,
  });

  return {
    threadLimit: (threadId: string): BudgetLimit => toLimit(threadLimit.get(threadId)),
    projectLimit: (projectId: string): BudgetLimit => toLimit(projectLimit.get(projectId)),
    setThread(threadId: string, limit: BudgetLimit): void {
      if (limit.maxTokens === null && limit.maxUsd === null) clearThread.run(threadId);
      else putThread.run(threadId, limit.maxTokens, limit.maxUsd, Date.now());
    },
    setProject(projectId: string, limit: BudgetLimit): void {
      if (limit.maxTokens === null && limit.maxUsd === null) clearProject.run(projectId);
      else putProject.run(projectId, limit.maxTokens, limit.maxUsd, Date.now());
    },
    threadSpent: (threadId: string): BudgetSpent => toSpent(threadSpent.get(threadId)),
    projectSpent: (projectId: string): BudgetSpent => toSpent(projectSpent.get(projectId)),
    /** What one turn's row says it spent so far (saved after each model response). */
    turnSpent: (turnId: string): BudgetSpent => toSpent(turnSpent.get(turnId)),
  };
}

export type BudgetRows = ReturnType<typeof createBudgetRows>;
