import { z } from 'zod';
import { providerKindSchema, tokenUsageSchema } from './agent-models';
import { idSchema } from './models';

/**
 * What a span of a thread's trace stands for. `turn` spans hold the others; `tool_call` and `approval`
 * spans come from the transcript; `model_call`, `handoff` and `worker` spans are recorded as they happen.
 */
export const traceSpanKindSchema = z.enum([
  'turn',
  'model_call',
  'tool_call',
  'approval',
  'handoff',
  'worker',
]);
export type TraceSpanKind = z.infer<typeof traceSpanKindSchema>;

export const traceAttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type TraceAttributeValue = z.infer<typeof traceAttributeValueSchema>;

export const traceSpanSchema = z.object({
  id: z.string(),
  threadId: idSchema,
  turnId: idSchema.nullable(),
  /** The turn span's id for spans inside a turn; null for a turn and for spans outside any turn. */
  parentId: z.string().nullable(),
  kind: traceSpanKindSchema,
  /** What ran: the model, the tool, `approval`, the worker's title; never prompt or output text. */
  name: z.string(),
  startedAt: z.number(),
  /** Null while it runs (or waits). */
  endedAt: z.number().nullable(),
  /** Model calls: when the first output arrived (time to first token). */
  firstTokenAt: z.number().nullable(),
  provider: providerKindSchema.nullable(),
  model: z.string().nullable(),
  /** Model calls and turns. */
  usage: tokenUsageSchema.nullable(),
  /** US dollars, when the price is known. */
  costUsd: z.number().nullable(),
  /** ok, error, declined, interrupted, running… as the source says. */
  status: z.string(),
  error: z.string().nullable(),
  /** Facts without content: tool name, exit code, decision, item kind. */
  attributes: z.record(z.string(), traceAttributeValueSchema),
  /**
   * Prompts, outputs, command lines and message text. Always present in the app's own timeline; left out
   * of exports (JSONL, OTLP) unless the user opts in.
   */
  content: z.record(z.string(), z.string()).nullable(),
});
export type TraceSpan = z.infer<typeof traceSpanSchema>;

export const traceTotalsSchema = z.object({
  inputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  outputTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  /** US dollars of the calls whose price is known. */
  costUsd: z.number(),
  turns: z.number().int(),
  /** Turns whose model has no known price (their cost is not in `costUsd`). */
  unpricedTurns: z.number().int(),
  modelCalls: z.number().int(),
});
export type TraceTotals = z.infer<typeof traceTotalsSchema>;

export const traceTurnSchema = z.object({
  turn: traceSpanSchema,
  /** Model calls, tool calls, approvals, handoffs and workers of the turn, by start time. */
  spans: z.array(traceSpanSchema),
});
export type TraceTurn = z.infer<typeof traceTurnSchema>;

export const threadTraceSchema = z.object({
  threadId: idSchema,
  turns: z.array(traceTurnSchema),
  /** Spans recorded outside any turn (a worker started by hand, say). */
  loose: z.array(traceSpanSchema),
  totals: traceTotalsSchema,
});
export type ThreadTrace = z.infer<typeof threadTraceSchema>;

export const traceDayTotalsSchema = traceTotalsSchema.extend({
  /** The host's local calendar day, YYYY-MM-DD. */
  day: z.string(),
});
export type TraceDayTotals = z.infer<typeof traceDayTotalsSchema>;

/** Where traces go besides the local store. User-level. */
export const traceSettingsSchema = z.object({
  /** OTLP/HTTP traces URL (e.g. http://localhost:4318/v1/traces); null sends nothing anywhere. */
  otlpEndpoint: z.string().nullable(),
  /** Extra HTTP headers for the collector (often an API key). */
  otlpHeaders: z.record(z.string(), z.string()),
  /** Put prompts, outputs and command lines into OTLP spans (JSONL export asks per export). */
  includeContent: z.boolean(),
});
export type TraceSettings = z.infer<typeof traceSettingsSchema>;
