import type { AgentInputItem } from '@openai/agents';

type CallItem = Extract<AgentInputItem, { type: 'function_call' }>;

/**
 * Gives every tool call without a result a synthetic one, placed right after its group of calls:
 * a transcript cut off mid-tool (a crash, an interrupt) must still be one the providers accept
 * (Chat Completions and Anthropic reject a call with no result).
 */
export function closeDanglingCalls(history: readonly AgentInputItem[], reason: string): AgentInputItem[] {
  const answered = new Set<string>();
  for (const item of history) {
    if ((item as { type?: string }).type === 'function_call_result')
      answered.add((item as { callId: string }).callId);
  }
  const result: AgentInputItem[] = [];
  let open: CallItem[] = [];
  const flush = (): void => {
    for (const call of open) {
      result.push({
        type: 'function_call_result',
        callId: call.callId,
        name: call.name,
        status: 'incomplete',
        output: { type: 'text', text: reason },
      });
    }
    open = [];
  };
  for (const item of history) {
    const type = (item as { type?: string }).type;
    if (type !== 'function_call' && type !== 'function_call_result') flush();
    result.push(item);
    if (type === 'function_call' && !answered.has((item as CallItem).callId)) open.push(item as CallItem);
  }
  flush();
  return result;
}

export function userInput(text: string): AgentInputItem {
  return { role: 'user', content: text };
}
