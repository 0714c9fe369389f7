import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKind, NormalizedMessage, NormalizedTool, RecordedRequest } from './script-types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Text of a content field that is either a string or a list of typed parts (input_text, text, output_text...). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => (isObject(part) ? (asString(part.text) ?? '') : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function toRole(role: unknown): NormalizedMessage['role'] {
  if (role === 'assistant' || role === 'tool' || role === 'user') return role;
  // 'developer' is OpenAI's newer name for the system turn.
  return role === 'system' || role === 'developer' ? 'system' : 'user';
}

function normalizeResponsesInput(body: Json): NormalizedMessage[] {
  const messages: NormalizedMessage[] = [];
  const instructions = asString(body.instructions);
  if (instructions) messages.push({ role: 'system', text: instructions });
  if (typeof body.input === 'string') return [...messages, { role: 'user', text: body.input }];
  for (const item of asArray(body.input)) {
    if (!isObject(item)) continue;
    if (item.type === 'function_call') {
      const call = {
        id: asString(item.call_id) ?? '',
        name: asString(item.name) ?? '',
        arguments: asString(item.arguments) ?? '',
      };
      const previous = messages.at(-1);
      // Consecutive function_call items are one assistant turn with parallel calls.
      if (previous?.role === 'assistant' && previous.text === '' && previous.toolCalls)
        previous.toolCalls.push(call);
      else messages.push({ role: 'assistant', text: '', toolCalls: [call] });
    } else if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', text: textOf(item.output), toolCallId: asString(item.call_id) ?? '' });
    } else if (item.type === 'message' || (item.type === undefined && 'role' in item)) {
      messages.push({ role: toRole(item.role), text: textOf(item.content) });
    }
  }
  return messages;
}

function normalizeChatMessages(body: Json): NormalizedMessage[] {
  return asArray(body.messages)
    .filter(isObject)
    .map((message) => {
      const normalized: NormalizedMessage = { role: toRole(message.role), text: textOf(message.content) };
      const toolCalls = asArray(message.tool_calls).filter(isObject);
      if (toolCalls.length > 0) {
        normalized.toolCalls = toolCalls.map((call) => {
          const fn = isObject(call.function) ? call.function : {};
          return {
            id: asString(call.id) ?? '',
            name: asString(fn.name) ?? '',
            arguments: asString(fn.arguments) ?? '',
          };
        });
      }
      const toolCallId = asString(message.tool_call_id);
      if (toolCallId !== undefined) normalized.toolCallId = toolCallId;
      return normalized;
    });
}

function normalizeAnthropicMessages(body: Json): NormalizedMessage[] {
  const messages: NormalizedMessage[] = [];
  const system = textOf(body.system);
  if (system) messages.push({ role: 'system', text: system });
  for (const message of asArray(body.messages).filter(isObject)) {
    const role = toRole(message.role);
    if (typeof message.content === 'string') {
      messages.push({ role, text: message.content });
      continue;
    }
    const blocks = asArray(message.content).filter(isObject);
    // Tool results travel inside a user turn; they become their own 'tool' turns, as in the OpenAI formats.
    for (const block of blocks.filter((b) => b.type === 'tool_result')) {
      messages.push({
        role: 'tool',
        text: textOf(block.content),
        toolCallId: asString(block.tool_use_id) ?? '',
      });
    }
    const text = textOf(blocks.filter((b) => b.type === 'text'));
    const toolUses = blocks.filter((b) => b.type === 'tool_use');
    if (text === '' && toolUses.length === 0) continue;
    const normalized: NormalizedMessage = { role, text };
    if (toolUses.length > 0) {
      normalized.toolCalls = toolUses.map((b) => ({
        id: asString(b.id) ?? '',
        name: asString(b.name) ?? '',
        arguments: JSON.stringify(b.input ?? {}),
      }));
    }
    messages.push(normalized);
  }
  return messages;
}

function normalizeTools(api: ApiKind, body: Json): NormalizedTool[] {
  return asArray(body.tools)
    .filter(isObject)
    .map((tool) => {
      // Chat Completions nests the definition under `function`; Responses and Anthropic keep it flat.
      const definition = api === 'chat' && isObject(tool.function) ? tool.function : tool;
      const normalized: NormalizedTool = { name: asString(definition.name) ?? asString(tool.type) ?? '' };
      const description = asString(definition.description);
      if (description !== undefined) normalized.description = description;
      const parameters = api === 'anthropic' ? definition.input_schema : definition.parameters;
      if (parameters !== undefined) normalized.parameters = parameters;
      return normalized;
    });
}

function normalizeMessages(api: ApiKind, body: Json): NormalizedMessage[] {
  switch (api) {
    case 'responses':
      return normalizeResponsesInput(body);
    case 'chat':
      return normalizeChatMessages(body);
    case 'anthropic':
      return normalizeAnthropicMessages(body);
    case 'models':
    case 'ollama-tags':
    case 'unknown':
      return [];
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function apiKeyOf(headers: Record<string, string>): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return bearer?.[1] ?? headers['x-api-key'];
}

export function recordRequest(
  api: ApiKind,
  method: string,
  path: string,
  rawHeaders: IncomingHttpHeaders,
  body: unknown,
): RecordedRequest {
  const headers = flattenHeaders(rawHeaders);
  const json = isObject(body) ? body : {};
  return {
    api,
    method,
    path,
    headers,
    apiKey: apiKeyOf(headers),
    body,
    model: asString(json.model),
    stream: json.stream === true,
    messages: normalizeMessages(api, json),
    tools: normalizeTools(api, json),
  };
}
