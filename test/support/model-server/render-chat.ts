import {
  type RenderContext,
  type SseFrame,
  type WireRenderer,
  frame,
  fullReasoning,
  fullText,
  reasoningChunks,
  splitIntoChunks,
  stopReasonOf,
  textChunks,
  toolCallsOf,
  usageOf,
} from './render-common';
import { openAiErrorBody } from './render-responses';
import type { ScriptedReply, ScriptedStopReason } from './script-types';

/** OpenAI Chat Completions (`POST /v1/chat/completions`): unnamed `data:` chunks ending with `data: [DONE]`. */

const FINISH_REASONS: Record<ScriptedStopReason, string> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
};

function usageObject(reply: ScriptedReply, context: RenderContext): Record<string, unknown> {
  const usage = usageOf(reply, context.request);
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cached },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

function wantsUsageChunk(context: RenderContext): boolean {
  const body = context.request.body as { stream_options?: { include_usage?: unknown } } | undefined;
  return body?.stream_options?.include_usage === true;
}

function resolvedToolCalls(reply: ScriptedReply, context: RenderContext) {
  return toolCallsOf(reply).map((call) => ({ ...call, id: call.id ?? context.ids.next('call_') }));
}

function streamFrames(reply: ScriptedReply, context: RenderContext): SseFrame[] {
  const base = {
    id: context.ids.next('chatcmpl-'),
    object: 'chat.completion.chunk',
    created: context.createdAt,
    model: context.model,
    system_fingerprint: null,
  };
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) =>
    frame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason }] });
  const toolChunks = resolvedToolCalls(reply, context).flatMap((call, index) => [
    chunk({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    }),
    ...splitIntoChunks(call.arguments).map((piece) =>
      chunk({ tool_calls: [{ index, function: { arguments: piece } }] }),
    ),
  ]);
  return [
    chunk({ role: 'assistant', content: '', refusal: null }),
    // Chat Completions has no standard reasoning field; reasoning_content is what DeepSeek-style servers send.
    ...reasoningChunks(reply).map((piece) => chunk({ reasoning_content: piece })),
    ...textChunks(reply).map((content) => chunk({ content })),
    ...toolChunks,
    chunk({}, FINISH_REASONS[stopReasonOf(reply)]),
    ...(wantsUsageChunk(context)
      ? [frame({ ...base, choices: [], usage: usageObject(reply, context) })]
      : []),
    { data: '[DONE]' },
  ];
}

function body(reply: ScriptedReply, context: RenderContext): unknown {
  const toolCalls = resolvedToolCalls(reply, context);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text === undefined ? null : fullText(reply),
    refusal: null,
  };
  if (reply.reasoning !== undefined) message.reasoning_content = fullReasoning(reply);
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: context.ids.next('chatcmpl-'),
    object: 'chat.completion',
    created: context.createdAt,
    model: context.model,
    system_fingerprint: null,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH_REASONS[stopReasonOf(reply)] }],
    usage: usageObject(reply, context),
  };
}

export const chatRenderer: WireRenderer = {
  streamFrames,
  body,
  errorBody: openAiErrorBody,
  // The openai SDK throws an APIError for any chunk carrying an `error` field.
  streamErrorFrame: (error) =>
    frame({ error: { message: error.message, type: error.type ?? 'server_error', param: null, code: null } }),
};
