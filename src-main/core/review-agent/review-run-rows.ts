import {
  invalidFindingSchema,
  type FindingStatus,
  type InvalidFinding,
  type ProviderKind,
  type ReviewerKind,
  type ReviewFinding,
  type ReviewRun,
  type ReviewRunStatus,
  type ReviewVerdict,
} from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';
import type { RawFinding } from './review-output-schema';

interface RunRow {
  id: string;
  thread_id: string;
  reviewer: string;
  provider: string | null;
  model: string;
  status: string;
  verdict: string | null;
  summary: string | null;
  from_commit: string | null;
  to_commit: string | null;
  diff_truncated: number;
  invalid_json: string;
  error: string | null;
  created_at: number;
  completed_at: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  cost_usd: number | null;
}

interface FindingRow {
  id: string;
  run_id: string;
  title: string;
  body: string;
  path: string;
  start_line: number;
  end_line: number;
  severity: string;
  confidence: number;
  status: string;
  sent_turn_id: string | null;
}

function toFinding(row: FindingRow): ReviewFinding {
  return {
    id: row.id,
    runId: row.run_id,
    title: row.title,
    body: row.body,
    path: row.path,
    startLine: row.start_line,
    endLine: row.end_line,
    severity: row.severity as ReviewFinding['severity'],
    confidence: row.confidence,
    status: row.status as FindingStatus,
    sentTurnId: row.sent_turn_id,
  };
}

function invalidOf(json: string): InvalidFinding[] {
  const parsed = invalidFindingSchema.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export interface NewRun {
  id: string;
  threadId: string;
  reviewer: ReviewerKind;
  provider: ProviderKind | null;
  model: string;
  from: string;
  to: string;
  diffTruncated: boolean;
  createdAt: number;
}

export interface RunOutcome {
  status: Exclude<ReviewRunStatus, 'running'>;
  verdict?: ReviewVerdict;
  summary?: string;
  invalid?: InvalidFinding[];
  error?: string;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number | null;
  completedAt: number;
}

/** The `review_runs` and `review_findings` tables (migration 014). */
export function createReviewRunRows(db: SqliteDatabase) {
  const selectRun = db.prepare<[string], RunRow>('SELECT * FROM review_runs WHERE id = ?');
  const selectRuns = db.prepare<[string], RunRow>(
    'SELECT * FROM review_runs WHERE thread_id = ? ORDER BY created_at DESC, rowid DESC',
  );
  const selectFindings = db.prepare<[string], FindingRow>(
    'SELECT * FROM review_findings WHERE run_id = ? ORDER BY seq',
  );
  const selectFinding = db.prepare<[string], FindingRow>('SELECT * FROM review_findings WHERE id = ?');

  const withFindings = (row: RunRow): ReviewRun => ({
    id: row.id,
    threadId: row.thread_id,
    reviewer: row.reviewer as ReviewerKind,
    provider: row.provider as ProviderKind | null,
    model: row.model,
    status: row.status as ReviewRunStatus,
    verdict: row.verdict as ReviewVerdict | null,
    summary: row.summary,
    from: row.from_commit,
    to: row.to_commit,
    diffTruncated: row.diff_truncated === 1,
    invalid: invalidOf(row.invalid_json),
    error: row.error,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    costUsd: row.cost_usd,
    findings: selectFindings.all(row.id).map(toFinding),
  });

  const insertFinding = db.prepare(
    `INSERT INTO review_findings (id, run_id, seq, title, body, path, start_line, end_line, severity, confidence, status)
     VALUES (@id, @runId, @seq, @title, @body, @path, @startLine, @endLine, @severity, @confidence, 'open')`,
  );
  const finish = db.prepare(
    `UPDATE review_runs SET status = @status, verdict = @verdict, summary = @summary, invalid_json = @invalid,
       error = @error, completed_at = @completedAt, tokens_in = @tokensIn, tokens_out = @tokensOut, cost_usd = @costUsd
     WHERE id = @id AND status = 'running'`,
  );

  return {
    insertRun(run: NewRun): void {
      db.prepare(
        `INSERT INTO review_runs (id, thread_id, reviewer, provider, model, status, from_commit, to_commit, diff_truncated, created_at)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
      ).run(
        run.id,
        run.threadId,
        run.reviewer,
        run.provider,
        run.model,
        run.from,
        run.to,
        run.diffTruncated ? 1 : 0,
        run.createdAt,
      );
    },

    /** Ends a running run (with its findings when it completed); false when it had ended already. */
    finishRun(
      id: string,
      outcome: RunOutcome,
      findings: readonly (RawFinding & { id: string })[] = [],
    ): boolean {
      return db.transaction(() => {
        const changed = finish.run({
          id,
          status: outcome.status,
          verdict: outcome.verdict ?? null,
          summary: outcome.summary ?? null,
          invalid: JSON.stringify(outcome.invalid ?? []),
          error: outcome.error ?? null,
          completedAt: outcome.completedAt,
          tokensIn: outcome.tokensIn ?? null,
          tokensOut: outcome.tokensOut ?? null,
          costUsd: outcome.costUsd ?? null,
        }).changes;
        if (changed === 0) return false;
        findings.forEach((finding, seq) =>
          insertFinding.run({
            id: finding.id,
            runId: id,
            seq,
            title: finding.title,
            body: finding.explanation,
            path: finding.file,
            startLine: finding.startLine,
            endLine: finding.endLine,
            severity: finding.severity,
            confidence: finding.confidence,
          }),
        );
        return true;
      })();
    },

    run(id: string): ReviewRun | null {
      const row = selectRun.get(id);
      return row ? withFindings(row) : null;
    },

    runsOf(threadId: string): ReviewRun[] {
      return selectRuns.all(threadId).map(withFindings);
    },

    finding(id: string): ReviewFinding | null {
      const row = selectFinding.get(id);
      return row ? toFinding(row) : null;
    },

    setFindingStatus(id: string, status: FindingStatus, sentTurnId: string | null = null): void {
      db.prepare('UPDATE review_findings SET status = ?, sent_turn_id = ? WHERE id = ?').run(
        status,
        sentTurnId,
        id,
      );
    },

    /** Runs a host stopped in the middle of (it crashed or quit) end as failed at start-up. */
    failInterrupted(now: number): number {
      return db
        .prepare(
          `UPDATE review_runs SET status = 'failed', completed_at = ?,
             error = 'Skein stopped while this review ran. Run the review again.'
           WHERE status = 'running'`,
        )
        .run(now).changes;
    },
  };
}

export type ReviewRunRows = ReturnType<typeof createReviewRunRows>;
