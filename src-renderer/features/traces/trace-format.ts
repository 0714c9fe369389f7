import type { TraceDayTotals, TraceSpan, TraceTotals } from '../../../src-shared/contract';

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'still running';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatCost(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

export function durationOf(span: Pick<TraceSpan, 'startedAt' | 'endedAt'>): number | null {
  return span.endedAt === null ? null : span.endedAt - span.startedAt;
}

const KIND_WORDS: Record<TraceSpan['kind'], string> = {
  turn: 'Turn',
  model_call: 'Model call',
  tool_call: 'Tool call',
  approval: 'Approval',
  handoff: 'Handoff',
  worker: 'Worker',
};

export function kindWord(kind: TraceSpan['kind']): string {
  return KIND_WORDS[kind];
}

/** The facts of a span in short phrases: what the tooltip, the detail and the accessible name say. */
export function spanFacts(span: TraceSpan): string[] {
  const facts: string[] = [];
  if (span.kind === 'approval') {
    facts.push(
      span.endedAt === null ? 'waiting for you' : `you answered after ${formatDuration(durationOf(span))}`,
    );
    const decision = span.attributes['skein.approval.decision'];
    if (typeof decision === 'string') facts.push(decision.replace(/_/g, ' '));
  } else {
    facts.push(formatDuration(durationOf(span)));
  }
  if (span.firstTokenAt !== null)
    facts.push(`first token ${formatDuration(span.firstTokenAt - span.startedAt)}`);
  if (span.usage) {
    facts.push(
      `${formatTokens(span.usage.inputTokens)} in (${formatTokens(span.usage.cachedTokens)} cached), ${formatTokens(span.usage.outputTokens)} out`,
    );
  }
  if (span.kind === 'model_call' || span.kind === 'turn') facts.push(formatCost(span.costUsd));
  const exit = span.attributes['skein.command.exit_code'];
  if (typeof exit === 'number') facts.push(`exit ${exit}`);
  if (span.error) facts.push(`error: ${span.error}`);
  else if (span.kind === 'tool_call' && span.status !== 'completed')
    facts.push(span.status.replace(/_/g, ' '));
  return facts;
}

/** E.g. "Model call gpt-4.1: 1.20 s, first token 300 ms, 1.0k in (400 cached), 200 out, $0.0030". */
export function spanLabel(span: TraceSpan): string {
  const name = span.kind === 'approval' ? span.name.replace(/^Approval: /, '') : span.name;
  return `${kindWord(span.kind)} ${name}: ${spanFacts(span).join(', ')}`;
}

/** Where a bar sits in its turn's row, in percent of the turn's duration (at least a sliver wide). */
export function barPlacement(
  span: Pick<TraceSpan, 'startedAt' | 'endedAt'>,
  turn: { startedAt: number; endedAt: number },
): { left: number; width: number } {
  const total = Math.max(1, turn.endedAt - turn.startedAt);
  const start = Math.min(Math.max(span.startedAt, turn.startedAt), turn.endedAt);
  const end = Math.min(Math.max(span.endedAt ?? turn.endedAt, start), turn.endedAt);
  const left = ((start - turn.startedAt) / total) * 100;
  const width = Math.max(0.75, ((end - start) / total) * 100);
  return { left: Math.min(left, 100 - 0.75), width: Math.min(width, 100 - Math.min(left, 100 - 0.75)) };
}

/** The span a turn's row is measured against: its own times, or now while it runs. */
export function turnWindow(
  turn: TraceSpan,
  spans: TraceSpan[],
  now: number,
): { startedAt: number; endedAt: number } {
  const ends = spans.map((span) => span.endedAt ?? now);
  return { startedAt: turn.startedAt, endedAt: Math.max(turn.endedAt ?? now, ...ends, turn.startedAt + 1) };
}

/** The cost of some turns: unknown when no turn had a price, marked when only some had. */
export function formatTotalCost(totals: Pick<TraceTotals, 'costUsd' | 'turns' | 'unpricedTurns'>): string {
  if (totals.turns > 0 && totals.unpricedTurns === totals.turns) return 'cost unknown';
  const cost = formatCost(totals.costUsd);
  return totals.unpricedTurns > 0 ? `${cost} (+ ${totals.unpricedTurns} unpriced)` : cost;
}

export function totalsSummary(totals: TraceTotals): string {
  return `${totals.turns} turn${totals.turns === 1 ? '' : 's'}, ${totals.modelCalls} model call${totals.modelCalls === 1 ? '' : 's'}, ${formatTokens(totals.inputTokens)} in (${formatTokens(totals.cachedTokens)} cached), ${formatTokens(totals.outputTokens)} out, ${formatTotalCost(totals)}`;
}

/** The chart's bars: each day's height as a share of the busiest day (by tokens in and out). */
export function dayBars(
  days: TraceDayTotals[],
): { day: string; share: number; tokens: number; costUsd: number }[] {
  const tokens = days.map((day) => day.inputTokens + day.outputTokens);
  const most = Math.max(1, ...tokens);
  return days.map((day, index) => ({
    day: day.day,
    share: (tokens[index] ?? 0) / most,
    tokens: tokens[index] ?? 0,
    costUsd: day.costUsd,
  }));
}
