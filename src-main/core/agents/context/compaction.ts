import type { AgentInputItem, Model, ModelRequest } from '@openai/agents';
import { estimateTokens, renderTranscript } from './transcript-text';

/**
 * Compact once the request would fill this share of the context window: the rest is room for the
 * model's answer and the next tool results (Codex compacts near 90%; we leave a little more room
 * because our token count is an estimate).
 */
export const COMPACT_AT_SHARE = 0.8;
/** The most recent items, up to this share of the window, stay verbatim: the model keeps its footing on the current step. */
const KEEP_RECENT_SHARE = 0.3;
/** A summary is only worth a model call when it replaces at least this share of the request. */
const MIN_COMPACTED_SHARE = 0.2;

export const SUMMARY_PREFIX =
  'Summary of the conversation so far (earlier messages were compacted to fit the context window):';

const SUMMARY_INSTRUCTIONS = `You compact a coding agent's conversation so it can continue with less context.
Write a concise summary that keeps: the user's requests and constraints, decisions made, files read or
changed (with paths), commands run and their outcome, errors still open, and what remains to be done.
Write it for the agent itself, in plain text.`;

/** What has been compacted in this run: the first `covered` input items are replaced by `summary`. */
export interface CompactionState {
  covered: number;
  summary: string;
}

export interface CompactionEvents {
  started(): void;
  finished(
    summary: string,
    replacedItems: number,
    usage: { inputTokens: number; outputTokens: number },
  ): void;
  failed(error: unknown): void;
}

export interface Compactor {
  /** The request as the provider should see it: compacted first when it nears the window. */
  prepare(request: ModelRequest): Promise<ModelRequest>;
  readonly state: CompactionState | null;
  /** A history with the compaction applied: what the next turn starts from. */
  apply(history: AgentInputItem[]): AgentInputItem[];
}

function summaryItem(summary: string): AgentInputItem {
  return { role: 'user', content: `${SUMMARY_PREFIX}\n${summary}` };
}

/**
 * Where the verbatim tail starts: the last item always stays, then earlier ones while they fit the
 * tail budget; never at a tool result whose call would be summarised away.
 */
function cutPoint(items: readonly AgentInputItem[], tailBudget: number): number {
  let cut = items.length - 1;
  let tail = estimateTokens('', items.slice(cut));
  while (cut > 0) {
    const size = estimateTokens('', [items[cut - 1] as AgentInputItem]);
    if (tail + size > tailBudget) break;
    tail += size;
    cut -= 1;
  }
  while (cut > 0 && (items[cut] as { type?: string }).type === 'function_call_result') cut -= 1;
  return cut;
}

/**
 * Before each model call, if the request nears the window, the older part of the conversation is
 * summarised by the same model and replaced (see CompactingModel for why this is not the SDK's
 * `callModelInputFilter`).
 */
export function createCompactor(options: {
  model: Model;
  contextWindow: number;
  initial: CompactionState | null;
  events: CompactionEvents;
  signal: AbortSignal;
}): Compactor {
  let state = options.initial;

  const view = (input: AgentInputItem[]): AgentInputItem[] =>
    state ? [summaryItem(state.summary), ...input.slice(state.covered)] : input;

  const summarise = async (items: readonly AgentInputItem[]) => {
    const response = await options.model.getResponse({
      systemInstructions: SUMMARY_INSTRUCTIONS,
      input: [
        {
          role: 'user',
          content: `The conversation so far:\n\n${renderTranscript(items)}\n\nWrite the summary now.`,
        },
      ],
      modelSettings: {},
      tools: [],
      outputType: 'text',
      handoffs: [],
      tracing: false,
      signal: options.signal,
    });
    const text = response.output
      .flatMap((item) => (item.type === 'message' && item.role === 'assistant' ? item.content : []))
      .map((part) => (part.type === 'output_text' ? part.text : ''))
      .join('')
      .trim();
    return { text, usage: response.usage };
  };

  const prepare = async (request: ModelRequest): Promise<ModelRequest> => {
    if (typeof request.input === 'string') return request;
    const original = request.input;
    let input = view(original);
    const total = estimateTokens(request.systemInstructions ?? '', input);
    if (total <= options.contextWindow * COMPACT_AT_SHARE) return { ...request, input };
    const cut = cutPoint(input, options.contextWindow * KEEP_RECENT_SHARE);
    const hasSummary = state !== null;
    if (cut <= (hasSummary ? 1 : 0)) return { ...request, input };
    if (estimateTokens('', input.slice(0, cut)) < total * MIN_COMPACTED_SHARE) return { ...request, input };
    options.events.started();
    try {
      const { text, usage } = await summarise(input.slice(0, cut));
      const replaced = cut - (hasSummary ? 1 : 0);
      state = {
        covered: (state?.covered ?? 0) + replaced,
        summary: text || '(the model returned an empty summary)',
      };
      options.events.finished(state.summary, replaced, usage);
      input = view(original);
    } catch (error) {
      // Without a summary the call goes out whole; the provider's own limit error is then the answer.
      options.events.failed(error);
    }
    return { ...request, input };
  };

  return {
    prepare,
    get state() {
      return state;
    },
    apply: (history) => view(history),
  };
}
