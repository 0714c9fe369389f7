import type {
  RecordedRequest,
  ScriptedError,
  ScriptedReply,
  ScriptedStopReason,
  ScriptedToolCall,
} from './script-types';

/** One server-sent event; `data` is already serialized so a renderer can also emit the `[DONE]` sentinel. */
export interface SseFrame {
  event?: string;
  data: string;
}

/** Turns a scripted reply into one wire format. Renderers are pure: delivery (timing, faults) is the server's job. */
export interface WireRenderer {
  streamFrames(reply: ScriptedReply, context: RenderContext): SseFrame[];
  body(reply: ScriptedReply, context: RenderContext): unknown;
  errorBody(error: ScriptedError): unknown;
  /** The provider's in-stream error event; `position` is how many frames were sent before it. */
  streamErrorFrame(error: { message: string; type?: string }, position: number): SseFrame;
}

export interface RenderContext {
  request: RecordedRequest;
  model: string;
  ids: IdSource;
  /** Unix seconds, fixed per reply so every event of one response agrees. */
  createdAt: number;
}

export interface ResolvedToolCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/** Small on purpose: every scripted tool call then arrives in several deltas and exercises client reassembly. */
export const ARGUMENT_CHUNK_CHARS = 12;

/** OpenAI's rule of thumb (about 4 characters per token) for the usage a test did not script. */
const CHARS_PER_TOKEN = 4;

/** Sequential ids per server so failures are readable and runs reproducible. */
export class IdSource {
  #counter = 0;
  next(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${String(this.#counter).padStart(6, '0')}`;
  }
}

export function frame(data: unknown, event?: string): SseFrame {
  return event === undefined ? { data: JSON.stringify(data) } : { event, data: JSON.stringify(data) };
}

export function textChunks(reply: ScriptedReply): string[] {
  if (reply.text === undefined) return [];
  return typeof reply.text === 'string' ? [reply.text] : reply.text;
}

export function reasoningChunks(reply: ScriptedReply): string[] {
  if (reply.reasoning === undefined) return [];
  return typeof reply.reasoning === 'string' ? [reply.reasoning] : reply.reasoning;
}

export function fullText(reply: ScriptedReply): string {
  return textChunks(reply).join('');
}

export function fullReasoning(reply: ScriptedReply): string {
  return reasoningChunks(reply).join('');
}

export function toolCallsOf(reply: ScriptedReply): ResolvedToolCall[] {
  return (reply.toolCalls ?? []).map((call: ScriptedToolCall) => ({
    id: call.id,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

/** A message item is rendered when there is text, or when there would otherwise be no output at all. */
export function hasMessage(reply: ScriptedReply): boolean {
  return reply.text !== undefined || (reply.toolCalls ?? []).length === 0;
}

export function splitIntoChunks(value: string, size = ARGUMENT_CHUNK_CHARS): string[] {
  if (value === '') return [''];
  const chunks: string[] = [];
  for (let i = 0; i < value.length; i += size) chunks.push(value.slice(i, i + size));
  return chunks;
}

export function stopReasonOf(reply: ScriptedReply): ScriptedStopReason {
  return reply.stopReason ?? ((reply.toolCalls ?? []).length > 0 ? 'tool_use' : 'end_turn');
}

export interface ResolvedUsage {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN));
}

export function usageOf(reply: ScriptedReply, request: RecordedRequest): ResolvedUsage {
  const reasoning = reply.reasoning === undefined ? 0 : estimateTokens(fullReasoning(reply).length);
  if (reply.usage) {
    return {
      input: reply.usage.input,
      output: reply.usage.output,
      cached: reply.usage.cached ?? 0,
      reasoning,
    };
  }
  const outputChars =
    fullText(reply).length + toolCallsOf(reply).reduce((sum, call) => sum + call.arguments.length, 0);
  return {
    input: estimateTokens(JSON.stringify(request.body ?? '').length),
    output: estimateTokens(outputChars) + reasoning,
    cached: 0,
    reasoning,
  };
}
