import { withTrace, type Model } from '@openai/agents';
import { REVIEW_OUTPUT_SCHEMA } from './review-output-schema';
import { REVIEWER_INSTRUCTIONS } from './reviewer-prompt';

/** Room for a long list of findings, plus what a reasoning model thinks before it. */
const MAX_OUTPUT_TOKENS = 16_000;

export interface ReviewerAnswer {
  text: string;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const record = part as { text?: unknown } | null;
      return typeof record?.text === 'string' ? record.text : '';
    })
    .join('');
}

/**
 * One call to the reviewer (no tools, nothing streamed to clients), asking for the review schema as
 * structured output: OpenAI Responses sends it as `text.format`, Chat Completions as
 * `response_format`; our Anthropic model has no such switch and relies on the instructions.
 */
export async function askReviewer(
  model: Model,
  prompt: string,
  signal: AbortSignal,
): Promise<ReviewerAnswer> {
  // The providers' models expect to run inside a trace; tracing itself is disabled, so it goes nowhere.
  const response = await withTrace('skein review agent', () =>
    model.getResponse({
      systemInstructions: REVIEWER_INSTRUCTIONS,
      input: [{ role: 'user', content: prompt }],
      modelSettings: { maxTokens: MAX_OUTPUT_TOKENS },
      tools: [],
      outputType: REVIEW_OUTPUT_SCHEMA,
      handoffs: [],
      tracing: false,
      signal,
    }),
  );
  const text = response.output
    .flatMap((item) => (item.type === 'message' && item.role === 'assistant' ? [textOf(item.content)] : []))
    .join('');
  const usage = response.usage;
  const cached = usage.inputTokensDetails.reduce((sum, details) => sum + (details.cached_tokens ?? 0), 0);
  return {
    text,
    inputTokens: usage.inputTokens,
    cachedTokens: cached,
    outputTokens: usage.outputTokens,
  };
}
