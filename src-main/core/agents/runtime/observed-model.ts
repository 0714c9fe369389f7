import type { Model, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents';
import type { TokenUsage } from '../../../../src-shared/contract';
import { createLogger } from '../../log';
import { costOf } from '../providers/model-catalog';
import type { ModelCallContext, ModelCallHooks, ModelCallOutcome } from './model-hooks';
import { usageOf } from './stream-events';

const log = createLogger('observed-model');

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0 };

/** Raw provider events whose type says they carry output (Responses deltas, output items). */
const OUTPUT_EVENT_TYPE = /delta|output_item\.added|content_block_start/;

/**
 * Whether a streamed event is the model's output arriving (text, reasoning or a tool call), as opposed
 * to bookkeeping such as "response started": the first one marks the time to first token.
 */
export function carriesOutput(event: StreamEvent): boolean {
  if (event.type === 'output_text_delta') return event.delta.length > 0;
  if (event.type !== 'model') return false;
  const raw = event.event as { type?: unknown; choices?: unknown } | null;
  if (typeof raw?.type === 'string') return OUTPUT_EVENT_TYPE.test(raw.type);
  // Chat Completions chunks have no type: a chunk with a choice's delta is output.
  const choices = raw?.choices;
  if (!Array.isArray(choices)) return false;
  return choices.some((choice: unknown) => {
    const delta = (choice as { delta?: { content?: unknown; tool_calls?: unknown } } | null)?.delta;
    return Boolean(delta && (delta.content || delta.tool_calls));
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'The model call failed.';
}

/**
 * The provider's model measured at its boundary: every hook's `before` runs before each call (a throw
 * stops the call: budgets use it), and `after` hears how it went (start, first token, end, tokens,
 * cost). A failing `after` is logged and never breaks the call.
 */
export class ObservedModel implements Model {
  constructor(
    readonly inner: Model,
    private readonly context: ModelCallContext,
    private readonly hooks: readonly ModelCallHooks[],
    private readonly now: () => number = Date.now,
    /** Replaces the host's secret values in an error's text: a provider may echo the key it refused, and traces keep it. */
    private readonly scrub: (text: string) => string = (text) => text,
  ) {}

  private before(): void {
    for (const hook of this.hooks) hook.before?.(this.context);
  }

  private after(outcome: ModelCallOutcome): void {
    for (const hook of this.hooks) {
      try {
        hook.after?.(this.context, outcome);
      } catch (error) {
        log.warn('A model-call observer failed', error);
      }
    }
  }

  private outcome(
    startedAt: number,
    firstTokenAt: number | null,
    usage: TokenUsage | null,
    error: unknown,
  ): ModelCallOutcome {
    const measured = usage ?? NO_USAGE;
    return {
      startedAt,
      firstTokenAt,
      endedAt: this.now(),
      usage: measured,
      costUsd: usage ? costOf(this.context.provider, this.context.model, measured) : null,
      error: error === null ? null : this.scrub(errorText(error)),
    };
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.before();
    const startedAt = this.now();
    try {
      const response = await this.inner.getResponse(request);
      // A whole response arrives at once: its first token is its end.
      const usage = usageOf(response.usage);
      const done = this.outcome(startedAt, null, usage, null);
      this.after({ ...done, firstTokenAt: done.endedAt });
      return response;
    } catch (error) {
      this.after(this.outcome(startedAt, null, null, error));
      throw error;
    }
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    this.before();
    const startedAt = this.now();
    let firstTokenAt: number | null = null;
    let usage: TokenUsage | null = null;
    let failure: unknown = null;
    try {
      for await (const event of this.inner.getStreamedResponse(request)) {
        if (firstTokenAt === null && carriesOutput(event)) firstTokenAt = this.now();
        if (event.type === 'response_done') usage = usageOf(event.response.usage);
        yield event;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      // A consumer that stops early (an interrupt) ends the call too.
      const stoppedEarly =
        failure === null && usage === null ? 'The call ended before the response was done.' : null;
      this.after(this.outcome(startedAt, firstTokenAt, usage, failure ?? stoppedEarly));
    }
  }
}
