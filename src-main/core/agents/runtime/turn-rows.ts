import type { ProviderKind, TokenUsage, Turn, TurnStatus } from '../../../../src-shared/contract';
import type { SqliteDatabase } from '../../store';

interface TurnRow {
  id: string;
  thread_id: string;
  seq: number;
  status: string;
  provider: string;
  model: string;
  started_at: number;
  completed_at: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  error: string | null;
  continues_turn_id: string | null;
  run_state: string | null;
  runtime_json: string | null;
  snapshot_before: string | null;
  snapshot_after: string | null;
}

function toTurn(row: TurnRow): Turn {
  return {
    id: row.id,
    threadId: row.thread_id,
    seq: row.seq,
    status: row.status as TurnStatus,
    provider: row.provider as ProviderKind,
    model: row.model,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    usage: {
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      cachedTokens: row.cached_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costUsd: row.cost_usd,
    error: row.error,
    continuesTurnId: row.continues_turn_id,
    snapshotBefore: row.snapshot_before,
    snapshotAfter: row.snapshot_after,
  };
}

/** A paused turn's resume data: the SDK's run state and Skein's own (compaction so far). */
export interface TurnResumeData {
  runState: string;
  runtimeJson: string | null;
}

export function createTurnRows(db: SqliteDatabase) {
  const insert = db.prepare(
    `INSERT INTO turns (id, thread_id, seq, status, provider, model, started_at, continues_turn_id)
     VALUES (@id, @threadId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE thread_id = @threadId),
       'running', @provider, @model, @startedAt, @continuesTurnId)`,
  );
  const byId = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE id = ?');
  const ofThread = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE thread_id = ? ORDER BY seq');
  const lastOfThread = db.prepare<[string], TurnRow>(
    'SELECT * FROM turns WHERE thread_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const withStatus = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE status = ?');
  const update = db.prepare(
    `UPDATE turns SET status = @status, completed_at = @completedAt, input_tokens = @inputTokens,
       output_tokens = @outputTokens, cached_tokens = @cachedTokens, reasoning_tokens = @reasoningTokens,
       cost_usd = @costUsd, error = @error WHERE id = @id`,
  );
  const saveResume = db.prepare('UPDATE turns SET run_state = ?, runtime_json = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM turns WHERE id = ?');
  const saveBefore = db.prepare('UPDATE turns SET snapshot_before = ? WHERE id = ?');
  const saveAfter = db.prepare('UPDATE turns SET snapshot_after = ? WHERE id = ?');

  return {
    insert(input: {
      id: string;
      threadId: string;
      provider: ProviderKind;
      model: string;
      continuesTurnId: string | null;
    }): Turn {
      insert.run({ ...input, startedAt: Date.now() });
      return toTurn(byId.get(input.id) as TurnRow);
    },
    get(id: string): Turn | null {
      const row = byId.get(id);
      return row ? toTurn(row) : null;
    },
    ofThread: (threadId: string): Turn[] => ofThread.all(threadId).map(toTurn),
    last(threadId: string): Turn | null {
      const row = lastOfThread.get(threadId);
      return row ? toTurn(row) : null;
    },
    withStatus: (status: TurnStatus): Turn[] => withStatus.all(status).map(toTurn),
    save(turn: Turn): void {
      update.run({
        id: turn.id,
        status: turn.status,
        completedAt: turn.completedAt,
        ...turn.usage,
        costUsd: turn.costUsd,
        error: turn.error,
      });
    },
    resumeData(id: string): TurnResumeData | null {
      const row = byId.get(id);
      return row?.run_state ? { runState: row.run_state, runtimeJson: row.runtime_json } : null;
    },
    saveResumeData(id: string, data: TurnResumeData | null): void {
      saveResume.run(data?.runState ?? null, data?.runtimeJson ?? null, id);
    },
    remove(id: string): void {
      remove.run(id);
    },
    saveSnapshot(id: string, which: 'before' | 'after', commit: string): void {
      (which === 'before' ? saveBefore : saveAfter).run(commit, id);
    },
  };
}

export type TurnRows = ReturnType<typeof createTurnRows>;

export function addUsage(target: TokenUsage, add: TokenUsage): void {
  target.inputTokens += add.inputTokens;
  target.outputTokens += add.outputTokens;
  target.cachedTokens += add.cachedTokens;
  target.reasoningTokens += add.reasoningTokens;
}
