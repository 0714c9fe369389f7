import type { ProviderKind, TraceAttributeValue, TraceSpan } from '../../../src-shared/contract';
import { modelOfRow, parseAttributes, type StoredSpanRow } from './span-rows';
import type { ApprovalRow, ItemRow, TurnRow } from './trace-rows';

type Data = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function nonEmpty(entries: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (value) out[key] = value;
  return out;
}

/** The turn itself: the span every other span of the turn hangs under. Content: its prompt and answer. */
export function turnSpan(row: TurnRow, conversation: ItemRow[]): TraceSpan {
  const said = (kind: string) =>
    conversation
      .filter((item) => item.turn_id === row.id && item.kind === kind)
      .map((item) => text((JSON.parse(item.data_json) as Data).text) ?? '')
      .join('\n\n');
  return {
    id: row.id,
    threadId: row.thread_id,
    turnId: row.id,
    parentId: null,
    kind: 'turn',
    name: `Turn ${row.seq}`,
    startedAt: row.started_at,
    endedAt: row.completed_at,
    firstTokenAt: null,
    provider: row.provider as ProviderKind,
    model: row.model,
    usage: {
      inputTokens: row.input_tokens,
      cachedTokens: row.cached_tokens,
      outputTokens: row.output_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costUsd: row.cost_usd,
    status: row.status,
    error: row.error,
    attributes: { 'skein.turn.seq': row.seq },
    content: nonEmpty({ prompt: said('user_message') || null, output: said('agent_message') || null }),
  };
}

/** A command, file change or other tool call of the transcript; null for conversation items. */
export function itemSpan(row: ItemRow, threadId: string): TraceSpan | null {
  const data = JSON.parse(row.data_json) as Data;
  const attributes: Record<string, TraceAttributeValue> = { 'skein.item.kind': row.kind };
  let name: string;
  let content: Record<string, string>;
  switch (row.kind) {
    case 'command': {
      name = 'shell';
      if (typeof data.exitCode === 'number') attributes['skein.command.exit_code'] = data.exitCode;
      if (typeof data.sandbox === 'string') attributes['skein.command.sandbox'] = data.sandbox;
      if (data.timedOut === true) attributes['skein.command.timed_out'] = true;
      content = nonEmpty({ command: text(data.command), output: text(data.output) });
      break;
    }
    case 'file_change': {
      name = 'apply_patch';
      if (Array.isArray(data.changes)) attributes['skein.patch.files'] = data.changes.length;
      content = nonEmpty({ patch: text(data.patch), error: text(data.error) });
      break;
    }
    case 'tool_call': {
      name = text(data.tool) ?? 'tool';
      content = nonEmpty({ arguments: text(data.arguments), output: text(data.output) });
      break;
    }
    default:
      return null;
  }
  attributes['gen_ai.tool.name'] = name;
  return {
    id: row.id,
    threadId,
    turnId: row.turn_id,
    parentId: row.turn_id,
    kind: 'tool_call',
    name,
    startedAt: row.started_at,
    endedAt: row.completed_at,
    firstTokenAt: null,
    provider: null,
    model: null,
    usage: null,
    costUsd: null,
    status: row.status,
    error: row.status === 'failed' ? (text(data.error) ?? 'failed') : null,
    attributes,
    content,
  };
}

/** How long the user took to answer: from the question to the answer (open while pending). */
export function approvalSpan(row: ApprovalRow, threadId: string): TraceSpan {
  const request = JSON.parse(row.request_json) as Data;
  const attributes: Record<string, TraceAttributeValue> = {
    'skein.approval.kind': row.kind,
    'gen_ai.tool.name': row.tool,
  };
  if (row.decision) attributes['skein.approval.decision'] = row.decision;
  if (row.resolved_at !== null) attributes['skein.approval.wait_ms'] = row.resolved_at - row.created_at;
  return {
    id: row.id,
    threadId,
    turnId: row.turn_id,
    parentId: row.turn_id,
    kind: 'approval',
    name: `Approval: ${row.tool}`,
    startedAt: row.created_at,
    endedAt: row.resolved_at,
    firstTokenAt: null,
    provider: null,
    model: null,
    usage: null,
    costUsd: null,
    status: row.status,
    error: null,
    attributes,
    content: nonEmpty({
      command: text(request.command),
      patch: text(request.patch),
      arguments: text(request.arguments),
      reason: text(request.reason),
    }),
  };
}

/** A span the host recorded as it happened: a model call, a handoff or a worker thread. */
export function storedSpan(row: StoredSpanRow): TraceSpan {
  const isModelCall = row.kind === 'model_call';
  const { provider, model } = isModelCall ? modelOfRow(row) : { provider: null, model: null };
  return {
    id: row.id,
    threadId: row.thread_id,
    turnId: row.turn_id,
    parentId: row.turn_id,
    kind: row.kind,
    name: row.name,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    firstTokenAt: row.first_token_at,
    provider,
    model,
    usage: isModelCall
      ? {
          inputTokens: row.input_tokens ?? 0,
          cachedTokens: row.cached_tokens ?? 0,
          outputTokens: row.output_tokens ?? 0,
          reasoningTokens: row.reasoning_tokens ?? 0,
        }
      : null,
    costUsd: row.cost_usd,
    status: row.error !== null ? 'error' : row.ended_at === null ? 'running' : 'ok',
    error: row.error,
    attributes: parseAttributes(row.attributes_json),
    content: null,
  };
}
