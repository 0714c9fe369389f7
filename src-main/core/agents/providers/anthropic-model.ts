import type Anthropic from '@anthropic-ai/sdk';
import {
  Usage,
  type Model,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  type StreamEventResponseCompleted,
} from '@openai/agents';
import { SIGNATURE_KEY, toAnthropicParams } from './anthropic-convert';

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

type OutputItems = StreamEventResponseCompleted['response']['output'];

interface CollectedBlock {
  type: 'text' | 'tool_use' | 'thinking' | 'other';
  text: string;
  id: string;
  name: string;
  signature: string;
}

/** Anthropic counts cached input apart; the SDK (like OpenAI) counts it inside input tokens. */
function usagePlain(usage: AnthropicUsage) {
  const cached = usage.cache_read_input_tokens ?? 0;
  const inputTokens = (usage.input_tokens ?? 0) + cached + (usage.cache_creation_input_tokens ?? 0);
  const outputTokens = usage.output_tokens ?? 0;
  return {
    requests: 1,
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    inputTokensDetails: { cached_tokens: cached },
    outputTokensDetails: { reasoning_tokens: 0 },
  };
}

function outputItems(blocks: CollectedBlock[], messageId: string): OutputItems {
  const output: OutputItems = [];
  for (const block of blocks.filter((b) => b.type === 'thinking')) {
    output.push({
      type: 'reasoning',
      content: [{ type: 'input_text', text: block.text }],
      providerData: block.signature ? { [SIGNATURE_KEY]: block.signature } : undefined,
    });
  }
  const text = blocks
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('');
  if (text !== '') {
    output.push({
      id: messageId,
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text }],
    });
  }
  for (const block of blocks.filter((b) => b.type === 'tool_use')) {
    output.push({
      type: 'function_call',
      callId: block.id,
      name: block.name,
      arguments: block.text === '' ? '{}' : block.text,
      status: 'completed',
    });
  }
  return output;
}

function blockFrom(content: Anthropic.ContentBlock): CollectedBlock {
  const base = { text: '', id: '', name: '', signature: '' };
  if (content.type === 'text') return { ...base, type: 'text', text: content.text };
  if (content.type === 'tool_use') {
    return {
      ...base,
      type: 'tool_use',
      id: content.id,
      name: content.name,
      text: JSON.stringify(content.input ?? {}),
    };
  }
  if (content.type === 'thinking')
    return { ...base, type: 'thinking', text: content.thinking, signature: content.signature };
  // Server tools and redacted thinking are not used by Skein's agent.
  return { ...base, type: 'other' };
}

/**
 * The agent SDK's `Model` over Anthropic Messages (`@anthropic-ai/sdk`), streaming. The SDK has no
 * Anthropic model of its own without an extra package (its AI SDK adapter needs `@ai-sdk/*`).
 */
export class AnthropicMessagesModel implements Model {
  constructor(
    private readonly client: Anthropic,
    private readonly model: string,
  ) {}

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const message = await this.client.messages.create(toAnthropicParams(request, this.model), {
      signal: request.signal,
    });
    const blocks = message.content.map(blockFrom);
    return {
      usage: new Usage(usagePlain(message.usage)),
      output: outputItems(blocks, message.id),
      responseId: message.id,
    };
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const stream = await this.client.messages.create(
      { ...toAnthropicParams(request, this.model), stream: true },
      { signal: request.signal },
    );
    const blocks = new Map<number, CollectedBlock>();
    let messageId = '';
    let usage: AnthropicUsage = {};
    yield { type: 'response_started' };
    for await (const event of stream) {
      if (event.type === 'message_start') {
        messageId = event.message.id;
        usage = { ...event.message.usage };
      } else if (event.type === 'content_block_start') {
        blocks.set(event.index, { ...blockFrom(event.content_block), text: '' });
      } else if (event.type === 'content_block_delta') {
        const block = blocks.get(event.index);
        const delta = event.delta;
        if (!block) continue;
        if (delta.type === 'text_delta') {
          block.text += delta.text;
          yield { type: 'output_text_delta', delta: delta.text };
        } else if (delta.type === 'input_json_delta') {
          block.text += delta.partial_json;
        } else if (delta.type === 'thinking_delta') {
          block.text += delta.thinking;
          yield { type: 'model', event: { type: 'response.reasoning_text.delta', delta: delta.thinking } };
        } else if (delta.type === 'signature_delta') {
          block.signature += delta.signature;
        }
      } else if (event.type === 'message_delta') {
        usage = { ...usage, ...(event.usage as AnthropicUsage) };
      }
    }
    const ordered = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    yield {
      type: 'response_done',
      response: { id: messageId, usage: usagePlain(usage), output: outputItems(ordered, messageId) },
    };
  }
}
