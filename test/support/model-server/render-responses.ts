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

/** OpenAI Responses API (`POST /v1/responses`), streamed as named SSE events with sequence numbers. */

type OutputItem = Record<string, unknown> & { id: string; type: string };

interface PlannedItem {
  /** The item as it appears in the final response. */
  done: OutputItem;
  /** The events between output_item.added and output_item.done, without sequence numbers. */
  events: (outputIndex: number) => Record<string, unknown>[];
  added: OutputItem;
}

function planReasoning(reply: ScriptedReply, context: RenderContext): PlannedItem {
  const id = context.ids.next('rs_');
  const text = fullReasoning(reply);
  const part = { type: 'summary_text', text };
  return {
    added: { id, type: 'reasoning', summary: [] },
    done: { id, type: 'reasoning', summary: [part] },
    events: (output_index) => [
      {
        type: 'response.reasoning_summary_part.added',
        item_id: id,
        output_index,
        summary_index: 0,
        part: { ...part, text: '' },
      },
      ...reasoningChunks(reply).map((delta) => ({
        type: 'response.reasoning_summary_text.delta',
        item_id: id,
        output_index,
        summary_index: 0,
        delta,
      })),
      { type: 'response.reasoning_summary_text.done', item_id: id, output_index, summary_index: 0, text },
      { type: 'response.reasoning_summary_part.done', item_id: id, output_index, summary_index: 0, part },
    ],
  };
}

function planMessage(reply: ScriptedReply, context: RenderContext): PlannedItem {
  const id = context.ids.next('msg_');
  const text = fullText(reply);
  const part = { type: 'output_text', text, annotations: [], logprobs: [] };
  const base = { id, type: 'message', role: 'assistant' };
  return {
    added: { ...base, status: 'in_progress', content: [] },
    done: { ...base, status: 'completed', content: [part] },
    events: (output_index) => {
      const at = { item_id: id, output_index, content_index: 0 };
      return [
        { type: 'response.content_part.added', ...at, part: { ...part, text: '' } },
        ...textChunks(reply).map((delta) => ({
          type: 'response.output_text.delta',
          ...at,
          delta,
          logprobs: [],
        })),
        { type: 'response.output_text.done', ...at, text, logprobs: [] },
        { type: 'response.content_part.done', ...at, part },
      ];
    },
  };
}

function planToolCalls(reply: ScriptedReply, context: RenderContext): PlannedItem[] {
  return toolCallsOf(reply).map((call) => {
    const id = context.ids.next('fc_');
    const base = {
      id,
      type: 'function_call',
      call_id: call.id ?? context.ids.next('call_'),
      name: call.name,
    };
    return {
      added: { ...base, status: 'in_progress', arguments: '' },
      done: { ...base, status: 'completed', arguments: call.arguments },
      events: (output_index) => [
        ...splitIntoChunks(call.arguments).map((delta) => ({
          type: 'response.function_call_arguments.delta',
          item_id: id,
          output_index,
          delta,
        })),
        {
          type: 'response.function_call_arguments.done',
          item_id: id,
          output_index,
          name: call.name,
          arguments: call.arguments,
        },
      ],
    };
  });
}

function planItems(reply: ScriptedReply, context: RenderContext): PlannedItem[] {
  return [
    ...(reply.reasoning === undefined ? [] : [planReasoning(reply, context)]),
    ...(hasMessage(reply) ? [planMessage(reply, context)] : []),
    ...planToolCalls(reply, context),
  ];
}

function responseObject(
  id: string,
  context: RenderContext,
  status: 'in_progress' | 'completed' | 'incomplete',
  output: OutputItem[],
  usage: Record<string, unknown> | null,
): Record<string, unknown> {
  const body = context.request.body as Record<string, unknown> | undefined;
  return {
    id,
    object: 'response',
    created_at: context.createdAt,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body?.instructions ?? null,
    max_output_tokens: body?.max_output_tokens ?? null,
    model: context.model,
    output,
    parallel_tool_calls: body?.parallel_tool_calls ?? true,
    previous_response_id: body?.previous_response_id ?? null,
    reasoning: body?.reasoning ?? null,
    store: body?.store ?? true,
    temperature: body?.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: body?.tool_choice ?? 'auto',
    tools: body?.tools ?? [],
    top_p: body?.top_p ?? 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: {},
  };
}

function usageObject(reply: ScriptedReply, context: RenderContext): Record<string, unknown> {
  const usage = usageOf(reply, context.request);
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cached },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning },
    total_tokens: usage.input + usage.output,
  };
}

function finalStatus(reply: ScriptedReply): 'completed' | 'incomplete' {
  return stopReasonOf(reply) === 'max_tokens' ? 'incomplete' : 'completed';
}

function streamFrames(reply: ScriptedReply, context: RenderContext): SseFrame[] {
  const id = context.ids.next('resp_');
  const items = planItems(reply, context);
  const status = finalStatus(reply);
  const final = responseObject(
    id,
    context,
    status,
    items.map((item) => item.done),
    usageObject(reply, context),
  );
  const started = responseObject(id, context, 'in_progress', [], null);
  const events: Record<string, unknown>[] = [
    { type: 'response.created', response: started },
    { type: 'response.in_progress', response: started },
    ...items.flatMap((item, output_index) => [
      { type: 'response.output_item.added', output_index, item: item.added },
      ...item.events(output_index),
      { type: 'response.output_item.done', output_index, item: item.done },
    ]),
    { type: status === 'completed' ? 'response.completed' : 'response.incomplete', response: final },
  ];
  return events.map((event, sequence_number) => frame({ ...event, sequence_number }, event.type as string));
}

function body(reply: ScriptedReply, context: RenderContext): unknown {
  const items = planItems(reply, context).map((item) => item.done);
  return responseObject(
    context.ids.next('resp_'),
    context,
    finalStatus(reply),
    items,
    usageObject(reply, context),
  );
}

function openAiErrorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

export function openAiErrorBody(error: ScriptedError): unknown {
  return {
    error: {
      message: error.message,
      type: error.type ?? openAiErrorType(error.status),
      param: null,
      code: null,
    },
  };
}

export const responsesRenderer: WireRenderer = {
  streamFrames,
  body,
  errorBody: openAiErrorBody,
  streamErrorFrame: (error, position) =>
    frame(
      {
        type: 'error',
        code: error.type ?? 'server_error',
        message: error.message,
        param: null,
        sequence_number: position,
      },
      'error',
    ),
};
