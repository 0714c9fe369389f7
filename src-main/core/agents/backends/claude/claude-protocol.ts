/**
 * The parts of Claude Code's SDK stream the backend reads, as narrow structural types. The SDK's
 * own `SDKMessage` union is huge and leans on `@anthropic-ai/sdk` beta types; these name only the
 * fields we use, so a field the SDK adds never breaks us and the pure mappers can be fed recorded
 * JSON. Checked against @anthropic-ai/claude-agent-sdk 0.3.330 (Claude Code 2.1.330).
 */

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | { type: string; text?: string }[];
  is_error?: boolean;
}

export type ContentBlock = TextBlock | ThinkingBlock | ToolUseBlock | { type: string };

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

export interface AssistantMessage {
  type: 'assistant';
  /** Claude Code sends one assistant message per content block, each with the API message's id. */
  message: { id: string; content: ContentBlock[]; usage?: AnthropicUsage };
  parent_tool_use_id: string | null;
  error?: string;
  session_id: string;
}

export interface UserMessage {
  type: 'user';
  message: { role: 'user'; content: string | (ToolResultBlock | { type: string })[] };
  parent_tool_use_id: string | null;
  /** The tool's structured output (Bash: stdout/stderr; Edit/Write: structuredPatch…). */
  tool_use_result?: unknown;
  uuid?: string;
}

/** One Anthropic Messages streaming event, forwarded with `includePartialMessages`. */
export type StreamEvent =
  | { type: 'message_start'; message: { id: string; usage?: AnthropicUsage } }
  | { type: 'content_block_start'; index: number; content_block: ContentBlock }
  | {
      type: 'content_block_delta';
      index: number;
      delta: { type: string; text?: string; thinking?: string };
    }
  | { type: 'content_block_stop'; index: number }
  | { type: 'message_delta'; usage?: AnthropicUsage }
  | { type: 'message_stop' };

export interface PartialMessage {
  type: 'stream_event';
  event: StreamEvent;
  parent_tool_use_id: string | null;
  /** The API message id (`msg_…`), the same as the assistant messages' `message.id`. */
  api_message_id?: string;
}

export interface ResultMessage {
  type: 'result';
  /** `success`, `error_during_execution`, `error_max_turns`, `error_max_budget_usd`… */
  subtype: string;
  is_error: boolean;
  result?: string;
  errors?: string[];
  /** The session's running total in this process (not the turn's). */
  total_cost_usd?: number;
  terminal_reason?: string;
  /** The user messages (our uuids) this result answers. */
  user_message_uuids?: string[];
  session_id: string;
}

/**
 * Not in the SDK's public types, but sent by Claude Code 2.1.330 for each user message it takes
 * from the input stream: `queued` → `started` → `completed` (or `cancelled`).
 */
export interface CommandLifecycleMessage {
  type: 'command_lifecycle';
  command_uuid: string;
  /** `queued`, `started`, `completed` or `cancelled`. */
  state: string;
}

export type ClaudeMessage =
  | AssistantMessage
  | UserMessage
  | PartialMessage
  | ResultMessage
  | CommandLifecycleMessage
  | { type: 'system'; subtype: string; [key: string]: unknown }
  | { type: string; [key: string]: unknown };

/** An `Edit`/`Write` result's hunk (Claude Code's `structuredPatch`, the `diff` package's shape). */
export interface StructuredHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}
