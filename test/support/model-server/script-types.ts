/**
 * What a test scripts the fake model to say. A reply is provider-neutral: the server renders it into
 * whichever wire format the request arrived on (OpenAI Responses, Chat Completions, Anthropic Messages).
 */

export interface ScriptedToolCall {
  /** Call id the client echoes back with the tool result; generated (call_N / toolu_N) when absent. */
  id?: string;
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (so tests can send invalid arguments). */
  arguments: Record<string, unknown> | string;
}

export interface ScriptedUsage {
  /** Prompt tokens including cached ones (OpenAI's meaning; Anthropic's input_tokens excludes the cached part). */
  input: number;
  output: number;
  cached?: number;
}

export interface ScriptedError {
  status: number;
  message: string;
  /** Provider error type, e.g. 'rate_limit_error'; derived from the status when absent. */
  type?: string;
  /**
   * Whether the client SDK may retry on its own. Defaults to false (sent as `x-should-retry: false`),
   * so a scripted error reaches the code under test once instead of being eaten by SDK retries.
   */
  retryable?: boolean;
}

/** Provider-neutral stop reason; mapped to finish_reason / stop_reason / response status per wire format. */
export type ScriptedStopReason = 'end_turn' | 'tool_use' | 'max_tokens';

export interface ScriptedReply {
  /** Assistant text; an array is streamed as one delta per element. */
  text?: string | string[];
  /** Reasoning/thinking text, streamed before the answer. */
  reasoning?: string | string[];
  /** Function calls; several in one reply are parallel tool calls. */
  toolCalls?: ScriptedToolCall[];
  /** Token usage; estimated from the characters when absent. */
  usage?: ScriptedUsage;
  /** Answer with this HTTP error before any streaming. */
  error?: ScriptedError;
  /** Send the provider's in-stream error event (after the first half of the stream) instead of finishing. */
  streamError?: { message: string; type?: string };
  /** Drop the connection after about half of the stream (non-stream: after half of the body). */
  failMidStream?: boolean;
  /** Emit one truncated, unparseable SSE data line halfway through (non-stream: an invalid JSON body). */
  malformedChunk?: boolean;
  /** Wait this long before each SSE event (non-stream: once, before the body). */
  chunkDelayMs?: number;
  /** Defaults to 'tool_use' when there are tool calls, else 'end_turn'. */
  stopReason?: ScriptedStopReason;
}

export type ApiKind = 'responses' | 'chat' | 'anthropic' | 'models' | 'ollama-tags' | 'unknown';

/** One conversation turn as the client sent it, normalized across wire formats. */
export interface NormalizedMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** Text parts joined with newlines; '' when the turn carried only tool calls. */
  text: string;
  /** Tool calls the assistant made in this turn (arguments as the raw JSON string). */
  toolCalls?: { id: string; name: string; arguments: string }[];
  /** For role 'tool': which call this result answers. */
  toolCallId?: string;
}

export interface NormalizedTool {
  name: string;
  description?: string;
  /** JSON schema of the arguments (Anthropic's input_schema, OpenAI's parameters). */
  parameters?: unknown;
}

export interface RecordedRequest {
  api: ApiKind;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Bearer token or x-api-key, whichever the client sent. */
  apiKey: string | undefined;
  /** Parsed JSON body; undefined for GET or an unparseable body. */
  body: unknown;
  model: string | undefined;
  stream: boolean;
  messages: NormalizedMessage[];
  tools: NormalizedTool[];
}

export type ScriptResponder = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>;
