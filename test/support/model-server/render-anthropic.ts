import {
  type RenderContext,
  type SseFrame,
  type WireRenderer,
  frame,
  fullReasoning,
  fullText,
  hasMessage,
  reasoningChunks,
  splitIntoChunks,
  stopReasonOf,
  textChunks,
  toolCallsOf,
  usageOf,
} from './render-common';
import type { ScriptedError, ScriptedReply } from './script-types';

/** Anthropic Messages (`POST /v1/messages`): every SSE event is named (`event:` line) after its `type`. */

interface PlannedBlock {
  start: Record<string, unknown>;
  deltas: Record<string, unknown>[];
  done: Record<string, unknown>;
}

/** Parsed tool input for the assembled message; a deliberately invalid string is passed through as-is. */
function toolInput(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function planBlocks(reply: ScriptedReply, context: RenderContext): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  if (reply.reasoning !== undefined) {
    // Clients must echo thinking blocks back with their signature; any opaque string serves in tests.
    const signature = context.ids.next('scripted-signature-');
    blocks.push({
      start: { type: 'thinking', thinking: '', signature: '' },
      deltas: [
        ...reasoningChunks(reply).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature },
      ],
      done: { type: 'thinking', thinking: fullReasoning(reply), signature },
    });
  }
  if (hasMessage(reply)) {
    blocks.push({
      start: { type: 'text', text: '' },
      deltas: textChunks(reply).map((text) => ({ type: 'text_delta', text })),
      done: { type: 'text', text: fullText(reply) },
    });
  }
  for (const call of toolCallsOf(reply)) {
    const head = { type: 'tool_use', id: call.id ?? context.ids.next('toolu_'), name: call.name };
    blocks.push({
      start: { ...head, input: {} },
      deltas: splitIntoChunks(call.arguments).map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      })),
      done: { ...head, input: toolInput(call.arguments) },
    });
  }
  return blocks;
}

function usageObject(reply: ScriptedReply, context: RenderContext) {
  const usage = usageOf(reply, context.request);
  return {
    input_tokens: usage.input - usage.cached,
    output_tokens: usage.output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cached,
  };
}

function messageObject(reply: ScriptedReply, context: RenderContext, content: unknown[], finished: boolean) {
  const usage = usageObject(reply, context);
  return {
    id: context.ids.next('msg_'),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: finished ? stopReasonOf(reply) : null,
    stop_sequence: null,
    // message_start carries the input side; output_tokens arrives in message_delta.
    usage: finished ? usage : { ...usage, output_tokens: 1 },
  };
}

function named(data: Record<string, unknown>): SseFrame {
  return frame(data, data.type as string);
}

function streamFrames(reply: ScriptedReply, context: RenderContext): SseFrame[] {
  const blocks = planBlocks(reply, context);
  return [
    named({ type: 'message_start', message: messageObject(reply, context, [], false) }),
    named({ type: 'ping' }),
    ...blocks.flatMap((block, index) => [
      named({ type: 'content_block_start', index, content_block: block.start }),
      ...block.deltas.map((delta) => named({ type: 'content_block_delta', index, delta })),
      named({ type: 'content_block_stop', index }),
    ]),
    named({
      type: 'message_delta',
      delta: { stop_reason: stopReasonOf(reply), stop_sequence: null },
      usage: { output_tokens: usageOf(reply, context.request).output },
    }),
    named({ type: 'message_stop' }),
  ];
}

function body(reply: ScriptedReply, context: RenderContext): unknown {
  const content = planBlocks(reply, context).map((block) => block.done);
  return messageObject(reply, context, content, true);
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

function errorBody(error: ScriptedError): unknown {
  const type =
    error.type ?? ERROR_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message: error.message } };
}

export const anthropicRenderer: WireRenderer = {
  streamFrames,
  body,
  errorBody,
  streamErrorFrame: (error) =>
    frame(
      { type: 'error', error: { type: error.type ?? 'overloaded_error', message: error.message } },
      'error',
    ),
};
