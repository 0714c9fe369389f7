import type { ThreadTrace, TraceDayTotals, TraceSpan, TraceTotals } from '../../../src-shared/contract';
import type { StoredSpanRow } from './span-rows';
import type { ApprovalRow, ItemRow, ProjectTurnRow, TurnRow } from './trace-rows';
import { approvalSpan, itemSpan, storedSpan, turnSpan } from './trace-spans';

export interface TraceSources {
  turns: TurnRow[];
  items: ItemRow[];
  approvals: ApprovalRow[];
  stored: StoredSpanRow[];
}

function byStart(a: TraceSpan, b: TraceSpan): number {
  return a.startedAt - b.startedAt;
}

export function emptyTotals(): TraceTotals {
  return {
    inputTokens: 0,
    cachedTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    turns: 0,
    unpricedTurns: 0,
    modelCalls: 0,
  };
}

function addTurn(totals: TraceTotals, turn: TurnRow, modelCalls: number): void {
  totals.inputTokens += turn.input_tokens;
  totals.cachedTokens += turn.cached_tokens;
  totals.outputTokens += turn.output_tokens;
  totals.reasoningTokens += turn.reasoning_tokens;
  totals.costUsd = Math.round((totals.costUsd + (turn.cost_usd ?? 0)) * 1e6) / 1e6;
  totals.turns += 1;
  if (turn.cost_usd === null) totals.unpricedTurns += 1;
  totals.modelCalls += modelCalls;
}

/**
 * A thread's timeline from the transcript and the recorded spans: each turn with its model calls, tool
 * calls, approvals, handoffs and workers by start time. Token totals come from the turns (which also
 * count what no model call span saw, such as compaction summaries).
 */
export function assembleTrace(threadId: string, sources: TraceSources): ThreadTrace {
  const children = new Map<string, TraceSpan[]>();
  const loose: TraceSpan[] = [];
  const add = (span: TraceSpan) => {
    if (span.turnId === null) {
      loose.push(span);
      return;
    }
    const list = children.get(span.turnId) ?? [];
    list.push(span);
    children.set(span.turnId, list);
  };
  for (const row of sources.items) {
    const span = itemSpan(row, threadId);
    if (span) add(span);
  }
  for (const row of sources.approvals) add(approvalSpan(row, threadId));
  for (const row of sources.stored) add(storedSpan(row));

  const totals = emptyTotals();
  const turns = sources.turns.map((row) => {
    const spans = (children.get(row.id) ?? []).sort(byStart);
    addTurn(totals, row, spans.filter((span) => span.kind === 'model_call').length);
    return { turn: turnSpan(row, sources.items), spans };
  });
  return { threadId, turns, loose: loose.sort(byStart), totals };
}

/** The host's local calendar day of a moment, YYYY-MM-DD. */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Totals per local day (every day of the window, empty ones included, oldest first) and overall. */
export function totalsByDay(
  turns: ProjectTurnRow[],
  days: number,
  now: number,
): { days: TraceDayTotals[]; totals: TraceTotals } {
  const rows = new Map<string, TraceDayTotals>();
  const today = new Date(now);
  for (let back = days - 1; back >= 0; back--) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, 12);
    rows.set(localDay(day.getTime()), { day: localDay(day.getTime()), ...emptyTotals() });
  }
  const totals = emptyTotals();
  for (const turn of turns) {
    const row = rows.get(localDay(turn.started_at));
    if (!row) continue;
    addTurn(row, turn, turn.model_calls);
    addTurn(totals, turn, turn.model_calls);
  }
  return { days: [...rows.values()], totals };
}

/** The first moment of the oldest day of a `days`-long window ending today (local time). */
export function windowStart(days: number, now: number): number {
  const today = new Date(now);
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1)).getTime();
}
