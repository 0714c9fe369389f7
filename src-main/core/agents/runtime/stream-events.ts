import { contentText } from '../content-text';
import type { RunStreamEvent, RunToolApprovalItem } from '@openai/agents';
import type { TokenUsage } from '../../../../src-shared/contract';
import type { TurnRecorder } from './turn-recorder';

/** Raw provider events that carry reasoning text as it streams (Responses summaries, Anthropic thinking). */
const REASONING_DELTA_EVENTS = new Set([
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
]);

type Details = Record<string, number> | Record<string, number>[] | undefined;

function detail(details: Details, key: string): number {
  const list = Array.isArray(details) ? details : details ? [details] : [];
  return list.reduce((sum, entry) => sum + (entry[key] ?? 0), 0);
}

export function usageOf(usage: {
  inputTokens: number;
  outputTokens: number;
  inputTokensDetails?: Details;
  outputTokensDetails?: Details;
}): TokenUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedTokens: detail(usage.inputTokensDetails, 'cached_tokens'),
    reasoningTokens: detail(usage.outputTokensDetails, 'reasoning_tokens'),
  };
}

export interface StreamEventHandlers {
  approvalRequested(item: RunToolApprovalItem): void;
  /** A step of the run finished (a message or a tool result): a good moment to checkpoint. */
  stepFinished(): void;
}

/** Maps the agent SDK's stream onto the turn's transcript. */
export function recordStreamEvent(
  event: RunStreamEvent,
  recorder: TurnRecorder,
  handlers: StreamEventHandlers,
): void {
  if (event.type === 'raw_model_stream_event') {
    const data = event.data;
    switch (data.type) {
      case 'response_started':
        recorder.responseStarted();
        return;
      case 'output_text_delta':
        recorder.textDelta(data.delta);
        return;
      case 'response_done':
        recorder.responseUsage(usageOf(data.response.usage));
        return;
      case 'model': {
        const raw = data.event as { type?: unknown; delta?: unknown } | null;
        if (
          typeof raw?.type === 'string' &&
          REASONING_DELTA_EVENTS.has(raw.type) &&
          typeof raw.delta === 'string'
        ) {
          recorder.reasoningDelta(raw.delta);
        }
        return;
      }
      default:
        return;
    }
  }
  if (event.type !== 'run_item_stream_event') return;
  const raw = event.item.rawItem as Record<string, unknown>;
  const name = event.name;
  // Handoffs, hosted tool search and server-side compaction are not used by Skein's agent.
  if (name === 'message_output_created') {
    recorder.messageDone(contentText(raw.content));
    handlers.stepFinished();
  } else if (name === 'reasoning_item_created') {
    recorder.reasoningDone(contentText(raw.content) || contentText(raw.rawContent));
  } else if (name === 'tool_called') {
    if (raw.type === 'function_call' && typeof raw.callId === 'string' && typeof raw.name === 'string') {
      recorder.forCall(raw.callId, raw.name, typeof raw.arguments === 'string' ? raw.arguments : '{}');
    }
  } else if (name === 'tool_output') {
    if (typeof raw.callId === 'string') recorder.toolOutput(raw.callId, raw.output);
    handlers.stepFinished();
  } else if (name === 'tool_approval_requested') {
    handlers.approvalRequested(event.item as RunToolApprovalItem);
  }
}
