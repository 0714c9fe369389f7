import {
  attemptOutcomeSchema,
  attemptVariantSchema,
  checkResultSchema,
  type AttemptVariant,
  type CheckResult,
} from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';
import type { AttemptDiff, AttemptOutcome, AttemptRecord, GroupRecord } from './types';

interface GroupRow {
  id: string;
  project_id: string;
  title: string;
  prompt: string;
  created_at: number;
  winner_thread_id: string | null;
}

interface AttemptRow {
  group_id: string;
  idx: number;
  thread_id: string;
  variant_json: string;
  outcome: string;
  error: string | null;
  diff_json: string | null;
  check_json: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toDiff(text: string | null): AttemptDiff | null {
  const value = parseJson(text);
  if (typeof value !== 'object' || value === null) return null;
  const { files, additions, deletions } = value as Record<string, unknown>;
  if (typeof files !== 'number' || typeof additions !== 'number' || typeof deletions !== 'number')
    return null;
  return { files, additions, deletions };
}

function toCheck(text: string | null): CheckResult | null {
  const parsed = checkResultSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

function toVariant(text: string): AttemptVariant {
  const parsed = attemptVariantSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : { backend: 'builtin' };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  const outcome = attemptOutcomeSchema.safeParse(row.outcome);
  return {
    groupId: row.group_id,
    index: row.idx,
    threadId: row.thread_id,
    variant: toVariant(row.variant_json),
    outcome: outcome.success ? outcome.data : 'candidate',
    error: row.error,
    diff: toDiff(row.diff_json),
    check: toCheck(row.check_json),
  };
}

function toGroup(row: GroupRow): GroupRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    prompt: row.prompt,
    createdAt: row.created_at,
    winnerThreadId: row.winner_thread_id,
  };
}

export type AttemptRows = ReturnType<typeof createAttemptRows>;

/** The `attempt_groups` and `attempts` tables (migration 012). */
export function createAttemptRows(db: SqliteDatabase) {
  const insertGroup = db.prepare(
    'INSERT INTO attempt_groups (id, project_id, title, prompt, created_at, winner_thread_id) VALUES (?, ?, ?, ?, ?, NULL)',
  );
  const insertAttempt = db.prepare(
    'INSERT INTO attempts (group_id, idx, thread_id, variant_json, outcome) VALUES (?, ?, ?, ?, ?)',
  );
  const groupById = db.prepare<[string], GroupRow>('SELECT * FROM attempt_groups WHERE id = ?');
  const groupsOfProject = db.prepare<[string], GroupRow>(
    'SELECT * FROM attempt_groups WHERE project_id = ? ORDER BY created_at DESC',
  );
  const attemptsOfGroup = db.prepare<[string], AttemptRow>(
    'SELECT * FROM attempts WHERE group_id = ? ORDER BY idx',
  );
  const attemptOfThread = db.prepare<[string], AttemptRow>('SELECT * FROM attempts WHERE thread_id = ?');
  const setError = db.prepare('UPDATE attempts SET error = ? WHERE thread_id = ?');
  const setDiff = db.prepare('UPDATE attempts SET diff_json = ? WHERE thread_id = ?');
  const setCheck = db.prepare('UPDATE attempts SET check_json = ? WHERE thread_id = ?');
  const setOutcome = db.prepare('UPDATE attempts SET outcome = ? WHERE thread_id = ?');
  const setWinner = db.prepare('UPDATE attempt_groups SET winner_thread_id = ? WHERE id = ?');

  return {
    insert(group: GroupRecord, attempts: { threadId: string; variant: AttemptVariant }[]): void {
      db.transaction(() => {
        insertGroup.run(group.id, group.projectId, group.title, group.prompt, group.createdAt);
        attempts.forEach((attempt, position) =>
          insertAttempt.run(
            group.id,
            position + 1,
            attempt.threadId,
            JSON.stringify(attempt.variant),
            'candidate',
          ),
        );
      })();
    },
    group(groupId: string): GroupRecord | null {
      const row = groupById.get(groupId);
      return row ? toGroup(row) : null;
    },
    groupsOf(projectId: string): GroupRecord[] {
      return groupsOfProject.all(projectId).map(toGroup);
    },
    attempts(groupId: string): AttemptRecord[] {
      return attemptsOfGroup.all(groupId).map(toAttempt);
    },
    ofThread(threadId: string): AttemptRecord | null {
      const row = attemptOfThread.get(threadId);
      return row ? toAttempt(row) : null;
    },
    setError(threadId: string, error: string | null): void {
      setError.run(error, threadId);
    },
    setDiff(threadId: string, diff: AttemptDiff): void {
      setDiff.run(JSON.stringify(diff), threadId);
    },
    setCheck(threadId: string, check: CheckResult): void {
      setCheck.run(JSON.stringify(check), threadId);
    },
    pick(groupId: string, winnerThreadId: string, outcomes: Map<string, AttemptOutcome>): void {
      db.transaction(() => {
        setWinner.run(winnerThreadId, groupId);
        for (const [threadId, outcome] of outcomes) setOutcome.run(outcome, threadId);
      })();
    },
  };
}
