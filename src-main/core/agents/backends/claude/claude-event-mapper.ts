import type { BackendEvent, BackendItem } from '../types';
import { completedToolItem, responseUsage, startedToolItem } from './claude-items';
import type {
  AnthropicUsage,
  AssistantMessage,
  ContentBlock,
  PartialMessage,
  ToolResultBlock,
  ToolUseBlock,
  UserMessage,
} from './claude-protocol';

export interface ClaudeEventMapperDeps {
  worktree: string;
  emit(event: BackendEvent): void;
  /** The current text of a file an Edit/Write names (null when absent), to place its hunks. */
  readFile(path: string): string | null;
  /** Whether our user declined this tool call (Claude reports a refusal as an error result). */
  wasDeclined(toolUseId: string): boolean;
}

/**
 * Claude Code's stream for one session as our backend events. Text and thinking stream through
 * `stream_event` partials (item started on `content_block_start`, deltas, completed by the
 * assistant message that carries the finished block); tool calls start when the assistant message
 * brings their full input and complete with the user message carrying their `tool_result`.
 * Sub-agent traffic (`parent_tool_use_id` set) is not the thread's transcript and is dropped.
 */
export class ClaudeEventMapper {
  private readonly open = new Map<string, BackendItem>();
  /** The streamed block index now open per API message id: Claude sends one assistant message per block. */
  private readonly streaming = new Map<string, number>();
  private readonly inputUsage = new Map<string, AnthropicUsage | undefined>();
  private currentMessage: string | null = null;

  constructor(private readonly deps: ClaudeEventMapperDeps) {}

  openItem(backendItemId: string): BackendItem | undefined {
    return this.open.get(backendItemId);
  }

  /** Forgets a finished turn's open items; the recorder closes their rows when the turn ends. */
  endTurn(): void {
    this.open.clear();
    this.streaming.clear();
    this.inputUsage.clear();
  }

  partial(turnId: string, message: PartialMessage): void {
    if (message.parent_tool_use_id !== null) return;
    const event = message.event;
    switch (event.type) {
      case 'message_start':
        this.currentMessage = event.message.id;
        this.inputUsage.set(event.message.id, event.message.usage);
        return;
      case 'content_block_start': {
        const messageId = message.api_message_id ?? this.currentMessage;
        if (!messageId) return;
        this.streaming.set(messageId, event.index);
        const fields = streamedFields(event.content_block);
        if (!fields) return;
        const item: BackendItem = {
          backendItemId: `${messageId}:${event.index}`,
          status: 'in_progress',
          fields,
        };
        this.open.set(item.backendItemId, item);
        this.deps.emit({ type: 'item/started', backendTurnId: turnId, item });
        return;
      }
      case 'content_block_delta': {
        const messageId = message.api_message_id ?? this.currentMessage;
        const backendItemId = `${messageId}:${event.index}`;
        if (!this.open.has(backendItemId)) return;
        const { delta } = event;
        if (delta.type === 'text_delta' && delta.text) {
          this.deps.emit({
            type: 'item/delta',
            backendTurnId: turnId,
            backendItemId,
            stream: 'text',
            delta: delta.text,
          });
        } else if (delta.type === 'thinking_delta' && delta.thinking) {
          this.deps.emit({
            type: 'item/delta',
            backendTurnId: turnId,
            backendItemId,
            stream: 'reasoning',
            delta: delta.thinking,
          });
        }
        return;
      }
      case 'message_delta': {
        const messageId = message.api_message_id ?? this.currentMessage;
        if (!messageId) return;
        const usage = responseUsage(this.inputUsage.get(messageId), event.usage);
        this.deps.emit({ type: 'usage', backendTurnId: turnId, usage });
        return;
      }
      case 'content_block_stop':
      case 'message_stop':
        return;
    }
  }

  assistant(turnId: string, message: AssistantMessage): void {
    if (message.parent_tool_use_id !== null) return;
    const messageId = message.message.id;
    message.message.content.forEach((block, offset) => {
      const index = (this.streaming.get(messageId) ?? 0) + offset;
      this.block(turnId, `${messageId}:${index}`, block);
    });
  }

  user(turnId: string, message: UserMessage): void {
    if (message.parent_tool_use_id !== null || typeof message.message.content === 'string') return;
    for (const part of message.message.content) {
      if (part.type !== 'tool_result') continue;
      const result = part as ToolResultBlock;
      const started = this.open.get(result.tool_use_id);
      if (!started) continue;
      this.open.delete(result.tool_use_id);
      const item = completedToolItem(
        started,
        result,
        message.tool_use_result,
        this.deps.wasDeclined(result.tool_use_id),
      );
      this.deps.emit({ type: 'item/completed', backendTurnId: turnId, item });
    }
  }

  /** A compaction Claude Code reports as a `compact_boundary`. */
  compaction(turnId: string, id: string): void {
    this.deps.emit({
      type: 'item/completed',
      backendTurnId: turnId,
      item: {
        backendItemId: id,
        status: 'completed',
        fields: { kind: 'compaction', summary: '', replacedItems: 0 },
      },
    });
  }

  private block(turnId: string, streamedId: string, block: ContentBlock): void {
    if (block.type === 'tool_use') {
      const tool = block as ToolUseBlock;
      const path = typeof tool.input.file_path === 'string' ? tool.input.file_path : null;
      const item = startedToolItem(tool, this.deps.worktree, path ? this.deps.readFile(path) : null);
      this.open.set(item.backendItemId, item);
      this.deps.emit({ type: 'item/started', backendTurnId: turnId, item });
      return;
    }
    const fields = finishedFields(block);
    if (!fields) return;
    this.open.delete(streamedId);
    this.deps.emit({
      type: 'item/completed',
      backendTurnId: turnId,
      item: { backendItemId: streamedId, status: 'completed', fields },
    });
  }
}

function streamedFields(block: ContentBlock): BackendItem['fields'] | null {
  if (block.type === 'text') return { kind: 'agent_message', text: '' };
  if (block.type === 'thinking') return { kind: 'reasoning', text: '' };
  return null;
}

function finishedFields(block: ContentBlock): BackendItem['fields'] | null {
  if (block.type === 'text' && 'text' in block) return { kind: 'agent_message', text: block.text };
  if (block.type === 'thinking' && 'thinking' in block) return { kind: 'reasoning', text: block.thinking };
  return null;
}
