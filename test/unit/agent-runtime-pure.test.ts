import type { AgentInputItem, ModelRequest } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { closeDanglingCalls, costOf, resolveAgentSettings } from '../../src-main/core/agents';
import { estimateTokens, renderTranscript } from '../../src-main/core/agents/context/transcript-text';
import { toAnthropicParams } from '../../src-main/core/agents/providers/anthropic-convert';
import { truncateMiddle } from '../../src-main/core/agents/tools/truncate-output';

const call = (callId: string): AgentInputItem => ({
  type: 'function_call',
  callId,
  name: 'shell',
  arguments: '{"command":"ls"}',
});
const result = (callId: string): AgentInputItem => ({
  type: 'function_call_result',
  callId,
  name: 'shell',
  status: 'completed',
  output: { type: 'text', text: 'ok' },
});

describe('closeDanglingCalls', () => {
  it('answers calls that have no result, right after their group', () => {
    const history: AgentInputItem[] = [
      { role: 'user', content: 'go' },
      call('a'),
      call('b'),
      result('a'),
      { role: 'user', content: 'more' },
      call('c'),
    ];
    const closed = closeDanglingCalls(history, 'cut off');
    expect(
      closed.map((item) =>
        'type' in item && item.type
          ? `${item.type}:${(item as { callId?: string }).callId ?? ''}`
          : 'message',
      ),
    ).toEqual([
      'message',
      'function_call:a',
      'function_call:b',
      'function_call_result:a',
      'function_call_result:b',
      'message',
      'function_call:c',
      'function_call_result:c',
    ]);
    expect(closed[4]).toMatchObject({ status: 'incomplete', output: { type: 'text', text: 'cut off' } });
    expect(closeDanglingCalls([call('x'), result('x')], 'n')).toHaveLength(2);
  });
});

describe('tool output and transcripts', () => {
  it('keeps head and tail of long output with a marker', () => {
    const text = `${'a'.repeat(100)}${'b'.repeat(100)}`;
    const cut = truncateMiddle(text, 50);
    expect(cut.startsWith('a'.repeat(25))).toBe(true);
    expect(cut.endsWith('b'.repeat(25))).toBe(true);
    expect(cut).toContain('[… 150 characters omitted …]');
    expect(truncateMiddle('short', 50)).toBe('short');
  });

  it('renders a conversation as text and estimates its tokens', () => {
    const text = renderTranscript([{ role: 'user', content: 'fix it' }, call('a'), result('a')]);
    expect(text).toBe('User: fix it\n\n[tool call shell] {"command":"ls"}\n\n[tool result shell] ok');
    expect(estimateTokens('abcd', [])).toBe(2);
  });
});

describe('settings resolution', () => {
  const none = { admin: null, user: null, project: null, thread: null };
  it('reads the ecosystem variables as defaults', () => {
    expect(resolveAgentSettings(none, {})).toMatchObject({
      provider: 'openai',
      model: 'gpt-5',
      baseUrl: null,
      contextWindow: 400_000,
    });
    expect(resolveAgentSettings(none, { ANTHROPIC_API_KEY: 'k' })).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
    });
    expect(
      resolveAgentSettings(none, { SKEIN_MODEL: 'anthropic:claude-opus-4-1', OPENAI_API_KEY: 'k' }),
    ).toMatchObject({
      provider: 'anthropic',
      model: 'claude-opus-4-1',
      sources: { provider: 'env', model: 'env' },
    });
    expect(
      resolveAgentSettings(none, { OLLAMA_HOST: 'box:11434', SKEIN_MODEL: 'ollama:qwen3' }).baseUrl,
    ).toBe('http://box:11434');
    expect(
      resolveAgentSettings(
        { ...none, thread: { provider: 'openai-chat' } },
        { OPENAI_BASE_URL: 'http://x/v1' },
      ).baseUrl,
    ).toBe('http://x/v1');
  });

  it('prices known models and leaves unknown ones unpriced', () => {
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      cachedTokens: 500_000,
      reasoningTokens: 0,
    };
    expect(costOf('openai', 'gpt-5', usage)).toBeCloseTo(0.625 + 0.0625 + 1, 6);
    expect(costOf('anthropic', 'claude-sonnet-4-5-20250929', usage)).toBeCloseTo(1.5 + 0.15 + 1.5, 6);
    expect(costOf('openai', 'my-finetune', usage)).toBeNull();
    expect(costOf('ollama', 'llama3.1', usage)).toBe(0);
  });
});

describe('Anthropic request conversion', () => {
  it('maps tool calls to tool_use/tool_result blocks and merges turns of one role', () => {
    const request: ModelRequest = {
      systemInstructions: 'be brief',
      input: [
        { role: 'user', content: 'go' },
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'on it' }],
        },
        call('toolu_1'),
        result('toolu_1'),
        { role: 'user', content: 'next' },
      ],
      modelSettings: { toolChoice: 'required' },
      tools: [
        {
          type: 'function',
          name: 'shell',
          description: 'run',
          parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
          strict: true,
        },
      ],
      outputType: 'text',
      handoffs: [],
      tracing: false,
    };
    const params = toAnthropicParams(request, 'claude-x');
    expect(params).toMatchObject({
      model: 'claude-x',
      system: 'be brief',
      max_tokens: 8192,
      tool_choice: { type: 'any' },
    });
    expect(params.tools).toEqual([
      {
        name: 'shell',
        description: 'run',
        input_schema: { type: 'object', properties: {}, required: [], additionalProperties: false },
      },
    ]);
    expect(params.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'on it' },
          { type: 'tool_use', id: 'toolu_1', name: 'shell', input: { command: 'ls' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' },
          { type: 'text', text: 'next' },
        ],
      },
    ]);
  });
});
