import type { ThreadTrace, TraceSpan } from '../../../src-shared/contract';

/** A span as exported: content only when the user asked for it. */
export function exportedSpan(span: TraceSpan, includeContent: boolean): TraceSpan {
  return { ...span, content: includeContent ? span.content : null };
}

/** Every span of a trace, turns first in each group: the order a reader expects. */
export function flattenTrace(trace: ThreadTrace): TraceSpan[] {
  return [...trace.turns.flatMap((turn) => [turn.turn, ...turn.spans]), ...trace.loose];
}

/** One JSON object per line per span, ending with a newline. */
export function traceToJsonl(trace: ThreadTrace, includeContent: boolean): string {
  return flattenTrace(trace)
    .map((span) => `${JSON.stringify(exportedSpan(span, includeContent))}\n`)
    .join('');
}

export function traceFileName(threadId: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  return `skein-trace-${threadId.slice(0, 8)}-${stamp}.jsonl`;
}
