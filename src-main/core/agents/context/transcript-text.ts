import { contentText } from '../content-text';
import type { AgentInputItem } from '@openai/agents';

/** OpenAI's rule of thumb for English and code: about four characters per token. */
const CHARS_PER_TOKEN = 4;
/** Per item in a transcript sent for summarising: the gist of a long tool output is in its head and tail. */
const MAX_ITEM_CHARS = 2_000;

/** A rough token count of a request; good enough to decide when to compact, never used for billing. */
export function estimateTokens(instructions: string, items: readonly AgentInputItem[]): number {
  return Math.ceil((instructions.length + JSON.stringify(items).length) / CHARS_PER_TOKEN);
}

function clip(text: string): string {
  if (text.length <= MAX_ITEM_CHARS) return text;
  const half = MAX_ITEM_CHARS / 2;
  return `${text.slice(0, half)} […] ${text.slice(-half)}`;
}

/** The conversation as plain text (every provider can summarise that, whatever its tool-call format). */
export function renderTranscript(items: readonly AgentInputItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    const type = (item as { type?: string }).type;
    if (type === 'function_call' && 'name' in item && 'arguments' in item) {
      lines.push(`[tool call ${item.name}] ${clip(String(item.arguments))}`);
    } else if (type === 'function_call_result' && 'output' in item) {
      lines.push(`[tool result ${(item as { name?: string }).name ?? ''}] ${clip(contentText(item.output))}`);
    } else if ('role' in item) {
      lines.push(
        `${item.role === 'assistant' ? 'Agent' : item.role === 'user' ? 'User' : 'System'}: ${clip(contentText(item.content))}`,
      );
    }
  }
  return lines.join('\n\n');
}
