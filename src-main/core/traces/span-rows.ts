import { randomUUID } from 'node:crypto';
import type { ProviderKind, TraceAttributeValue } from '../../../src-shared/contract';
import type { ModelCallContext, ModelCallOutcome } from '../agents/runtime/model-hooks';
import type { SqliteDatabase } from '../store';

/** A span another part of the host records (manager threads: handoffs and workers). */
export interface RecordedSpan {
  threadId: string;
  turnId: string | null;
  kind: 'handoff' | 'worker';
  name: string;
  startedAt: number;
  endedAt: number | null;
  attributes: Record<string, string | number | boolean>;
}

export interface StoredSpanRow {
  id: string;
  thread_id: string;
  turn_id: string | null;
  kind: 'model_call' | 'handoff' | 'worker';
  name: string;
  started_at: number;
  ended_at: number | null;
  first_token_at: number | null;
  input_tokens: number | null;
  cached_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
  attributes_json: string;
}

export function parseAttributes(json: string): Record<string, TraceAttributeValue> {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const out: Record<string, TraceAttributeValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  return out;
}

/** Provider and model of a model call, kept in its attributes (the row has no columns for them). */
export function modelOfRow(row: StoredSpanRow): { provider: ProviderKind | null; model: string | null } {
  const attributes = parseAttributes(row.attributes_json);
  const provider = attributes['skein.provider'];
  const model = attributes['skein.model'];
  return {
    provider: typeof provider === 'string' ? (provider as ProviderKind) : null,
    model: typeof model === 'string' ? model : null,
  };
}

export function createSpanRows(db: SqliteDatabase) {
  const insert = db.prepare(
    `INSERT INTO trace_spans (id, thread_id, turn_id, kind, name, started_at, ended_at, first_token_at,
       input_tokens, cached_tokens, output_tokens, reasoning_tokens, cost_usd, error, attributes_json)
     VALUES (@id, @threadId, @turnId, @kind, @name, @startedAt, @endedAt, @firstTokenAt,
       @inputTokens, @cachedTokens, @outputTokens, @reasoningTokens, @costUsd, @error, @attributesJson)`,
  );
  const ofThread = db.prepare<[string], StoredSpanRow>(
    'SELECT * FROM trace_spans WHERE thread_id = ? ORDER BY started_at, rowid',
  );
  const ofTurn = db.prepare<[string], StoredSpanRow>(
    'SELECT * FROM trace_spans WHERE turn_id = ? ORDER BY started_at, rowid',
  );
  const none = { firstTokenAt: null, inputTokens: null, cachedTokens: null, outputTokens: null };
  return {
    modelCall(context: ModelCallContext, outcome: ModelCallOutcome): string {
      const id = randomUUID();
      insert.run({
        id,
        threadId: context.threadId,
        turnId: context.turnId,
        kind: 'model_call',
        name: context.model,
        startedAt: outcome.startedAt,
        endedAt: outcome.endedAt,
        firstTokenAt: outcome.firstTokenAt,
        inputTokens: outcome.usage.inputTokens,
        cachedTokens: outcome.usage.cachedTokens,
        outputTokens: outcome.usage.outputTokens,
        reasoningTokens: outcome.usage.reasoningTokens,
        costUsd: outcome.costUsd,
        error: outcome.error,
        attributesJson: JSON.stringify({
          'skein.provider': context.provider,
          'skein.model': context.model,
        }),
      });
      return id;
    },
    record(span: RecordedSpan): string {
      const id = randomUUID();
      insert.run({
        ...none,
        id,
        threadId: span.threadId,
        turnId: span.turnId,
        kind: span.kind,
        name: span.name,
        startedAt: span.startedAt,
        endedAt: span.endedAt,
        reasoningTokens: null,
        costUsd: null,
        error: null,
        attributesJson: JSON.stringify(span.attributes),
      });
      return id;
    },
    ofThread: (threadId: string) => ofThread.all(threadId),
    ofTurn: (turnId: string) => ofTurn.all(turnId),
  };
}

export type SpanRows = ReturnType<typeof createSpanRows>;
