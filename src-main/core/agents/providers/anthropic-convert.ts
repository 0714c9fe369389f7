import { contentText } from '../content-text';
import type Anthropic from '@anthropic-ai/sdk';
import type { AgentInputItem, ModelRequest } from '@openai/agents';

type Block = Anthropic.ContentBlockParam;
type Message = { role: 'user' | 'assistant'; content: Block[] };

/** Anthropic requires max_tokens; a coding agent's longest answers (a big patch) fit in this. */
export const DEFAULT_MAX_TOKENS = 8_192;

/** Where a thinking block's signature rides on the SDK's reasoning item, so it can be sent back. */
export const SIGNATURE_KEY = 'anthropicSignature';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : { value };
  } catch {
    return { invalid_json: text };
  }
}

function blocksOf(item: AgentInputItem, system: string[]): Message | null {
  if (!('type' in item) || item.type === 'message' || item.type === undefined) {
    const role = (item as { role?: string }).role;
    const text = contentText((item as { content?: unknown }).content, '\n');
    if (role === 'system') {
      system.push(text);
      return null;
    }
    if (text === '') return null;
    return { role: role === 'assistant' ? 'assistant' : 'user', content: [{ type: 'text', text }] };
  }
  // Hosted and provider-specific items (computer use, hosted shells) have no Anthropic form: left out.
  if (item.type === 'function_call') {
    return {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: item.callId, name: item.name, input: parseArguments(item.arguments) },
      ],
    };
  }
  if (item.type === 'function_call_result') {
    return {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: item.callId,
          content: contentText(item.output, '\n') || '(no output)',
        },
      ],
    };
  }
  if (item.type === 'reasoning') {
    const signature = item.providerData?.[SIGNATURE_KEY] as unknown;
    if (typeof signature !== 'string') return null;
    const thinking = contentText(item.content, '\n') || contentText(item.rawContent, '\n');
    return { role: 'assistant', content: [{ type: 'thinking', thinking, signature }] };
  }
  return null;
}

/** The SDK's provider-neutral request as Anthropic Messages parameters. */
export function toAnthropicParams(
  request: ModelRequest,
  model: string,
): Anthropic.MessageCreateParamsNonStreaming {
  const system: string[] = request.systemInstructions ? [request.systemInstructions] : [];
  const items: AgentInputItem[] =
    typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
  const messages: Message[] = [];
  for (const item of items) {
    const message = blocksOf(item, system);
    if (!message) continue;
    const last = messages.at(-1);
    // Anthropic wants roles to alternate: consecutive turns of one role become one message.
    if (last && last.role === message.role) last.content.push(...message.content);
    else messages.push(message);
  }
  const tools: Anthropic.Tool[] = request.tools.flatMap((tool) =>
    tool.type === 'function'
      ? [
          {
            name: tool.name,
            description: tool.description,
            input_schema: tool.parameters as Anthropic.Tool.InputSchema,
          },
        ]
      : [],
  );
  const settings = request.modelSettings;
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model,
    max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  if (system.length > 0) params.system = system.join('\n\n');
  if (tools.length > 0) params.tools = tools;
  const choice = settings.toolChoice;
  if (choice === 'required') params.tool_choice = { type: 'any' };
  else if (choice === 'none') params.tool_choice = { type: 'none' };
  else if (choice && choice !== 'auto' && tools.some((tool) => tool.name === choice)) {
    params.tool_choice = { type: 'tool', name: choice };
  }
  return params;
}
