import type { ProviderKind, TraceAttributeValue, TraceSpan, TraceTurn } from '../../../src-shared/contract';

/** One span to send, in OpenTelemetry's terms, before the SDK gives it ids. */
export interface OtlpSpanPlan {
  name: string;
  /** CLIENT for calls out of the host (model providers), INTERNAL otherwise. */
  client: boolean;
  startedAt: number;
  endedAt: number;
  attributes: Record<string, TraceAttributeValue>;
  error: string | null;
  /** Model calls: when the first token arrived (sent as an event too). */
  firstTokenAt: number | null;
}

export interface OtlpTurnPlan {
  turn: OtlpSpanPlan;
  children: OtlpSpanPlan[];
}

/** GenAI semantic conventions name the provider, not Skein's wire format. */
const GEN_AI_PROVIDER: Record<ProviderKind, string> = {
  openai: 'openai',
  'openai-chat': 'openai',
  anthropic: 'anthropic',
  ollama: 'ollama',
};

function providerName(provider: ProviderKind | null): string | null {
  return provider ? (GEN_AI_PROVIDER[provider] ?? provider) : null;
}

function contentAttributes(span: TraceSpan, includeContent: boolean): Record<string, string> {
  if (!includeContent || !span.content) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(span.content)) out[`skein.content.${key}`] = value;
  return out;
}

function usageAttributes(span: TraceSpan): Record<string, number> {
  if (!span.usage) return {};
  return {
    'gen_ai.usage.input_tokens': span.usage.inputTokens,
    'gen_ai.usage.output_tokens': span.usage.outputTokens,
    'gen_ai.usage.cache_read.input_tokens': span.usage.cachedTokens,
    'skein.usage.reasoning_tokens': span.usage.reasoningTokens,
  };
}

function nameOf(span: TraceSpan): string {
  switch (span.kind) {
    case 'turn':
      return 'invoke_agent skein';
    case 'model_call':
      return `chat ${span.model ?? span.name}`;
    case 'tool_call':
      return `execute_tool ${span.name}`;
    case 'approval':
      return `approval ${span.attributes['gen_ai.tool.name'] ?? span.name}`;
    case 'handoff':
      return `handoff ${span.name}`;
    case 'worker':
      return `worker ${span.name}`;
  }
}

function operationOf(span: TraceSpan): string | null {
  switch (span.kind) {
    case 'turn':
      return 'invoke_agent';
    case 'model_call':
      return 'chat';
    case 'tool_call':
      return 'execute_tool';
    case 'approval':
    case 'handoff':
    case 'worker':
      return null;
  }
}

function planSpan(
  span: TraceSpan,
  scope: { projectId: string | null; includeContent: boolean; endFallback: number },
): OtlpSpanPlan {
  const attributes: Record<string, TraceAttributeValue> = {
    ...span.attributes,
    'skein.span.kind': span.kind,
    'skein.thread.id': span.threadId,
    'gen_ai.conversation.id': span.threadId,
    'skein.status': span.status,
  };
  if (span.turnId) attributes['skein.turn.id'] = span.turnId;
  if (scope.projectId) attributes['skein.project.id'] = scope.projectId;
  const operation = operationOf(span);
  if (operation) attributes['gen_ai.operation.name'] = operation;
  const provider = providerName(span.provider);
  if (provider) {
    attributes['gen_ai.system'] = provider;
    attributes['gen_ai.provider.name'] = provider;
  }
  if (span.model) attributes['gen_ai.request.model'] = span.model;
  if (span.kind === 'turn') attributes['gen_ai.agent.name'] = 'skein';
  if (span.costUsd !== null) attributes['skein.cost_usd'] = span.costUsd;
  if (span.firstTokenAt !== null)
    attributes['skein.time_to_first_token_ms'] = span.firstTokenAt - span.startedAt;
  const endedAt = Math.max(span.endedAt ?? scope.endFallback, span.startedAt);
  return {
    name: nameOf(span),
    client: span.kind === 'model_call',
    startedAt: span.startedAt,
    endedAt,
    attributes: { ...attributes, ...usageAttributes(span), ...contentAttributes(span, scope.includeContent) },
    error: span.error,
    firstTokenAt: span.firstTokenAt,
  };
}

/**
 * A finished turn as OpenTelemetry spans: the turn above its model calls, tool calls, approvals,
 * handoffs and workers, all with the times they really had. Content only when the user opted in.
 */
export function planTurn(
  trace: TraceTurn,
  projectId: string | null,
  includeContent: boolean,
  now: number,
): OtlpTurnPlan {
  const endFallback = trace.turn.endedAt ?? now;
  const scope = { projectId, includeContent, endFallback };
  return {
    turn: planSpan(trace.turn, scope),
    children: trace.spans.map((span) => planSpan(span, scope)),
  };
}
