import { withTrace, type Model } from '@openai/agents';
import { SkeinError } from '../../../src-shared/contract';
import { createModel } from './providers/create-model';
import type { AgentRuntime } from './runtime/agent-runtime';
import { contentText } from './content-text';
import { truncateMiddle } from './tools/truncate-output';

/**
 * The diff the model reads: about 12,000 tokens, enough for the shape of a large change while a
 * small model's window still has room (the middle of a longer diff is cut, head and tail kept).
 */
const MAX_DIFF_CHARS = 48_000;
/** What the user asked the agent, which says why the change was made: the last few requests. */
const MAX_REQUEST_CHARS = 4_000;
/** Room for a short message, plus the thinking a reasoning model spends before it. */
const MAX_OUTPUT_TOKENS = 2_000;
/** The user's latest requests in the thread given to the call, for the message's "why". */
const CONTEXT_REQUESTS = 3;
/** A one-shot call the user waits on with a dialog open; past this the review falls back to a summary. */
export const COMMIT_MESSAGE_TIMEOUT_MS = 60_000;
/** Git's and most hosts' limit for a subject line shown in one piece. */
const MAX_SUBJECT_CHARS = 72;

const INSTRUCTIONS = [
  'You write git commit messages.',
  'Answer with the commit message only: no preamble, no quotes, no code fences.',
  'Line 1: a Conventional Commits subject, `type(optional scope): summary`, in the imperative, under 72 characters.',
  'Line 2: empty.',
  'Then a short body of one to three sentences saying why the change was made, not listing what the diff shows.',
].join('\n');

/** Cuts a subject that is too long at a word boundary, so the message stays usable. */
function fitSubject(message: string): string {
  const [subject = '', ...rest] = message.split('\n');
  if (subject.length <= MAX_SUBJECT_CHARS) return message;
  const space = subject.lastIndexOf(' ', MAX_SUBJECT_CHARS);
  const cut = space > MAX_SUBJECT_CHARS / 2 ? subject.slice(0, space) : subject.slice(0, MAX_SUBJECT_CHARS);
  return [cut.trimEnd(), ...rest].join('\n');
}

/** The model's answer as a commit message: fences and surrounding blank lines removed. */
export function cleanCommitMessage(text: string): string {
  const unfenced = text.trim().replace(/^```[a-z]*\n([\s\S]*?)\n```$/, '$1');
  const lines = unfenced.split('\n').map((line) => line.trimEnd());
  return fitSubject(lines.join('\n').trim());
}

/**
 * Asks `model` once (no tools, nothing streamed to any client) for a commit message for `diff`.
 * Resolves null when the model gave no text.
 */
export async function askCommitMessage(
  model: Model,
  diff: string,
  requests: readonly string[],
  signal: AbortSignal,
): Promise<string | null> {
  const asked = truncateMiddle(requests.join('\n\n'), MAX_REQUEST_CHARS);
  const prompt = [
    asked ? `What the user asked for in this thread:\n${asked}\n` : '',
    `The diff to describe:\n${truncateMiddle(diff, MAX_DIFF_CHARS)}`,
  ].join('\n');
  // The providers' models expect to run inside a trace; tracing itself is disabled, so it goes nowhere.
  const response = await withTrace('skein commit message', () =>
    model.getResponse({
      systemInstructions: INSTRUCTIONS,
      input: [{ role: 'user', content: prompt }],
      modelSettings: { maxTokens: MAX_OUTPUT_TOKENS },
      tools: [],
      outputType: 'text',
      handoffs: [],
      tracing: false,
      signal,
    }),
  );
  const text = response.output
    .flatMap((item) =>
      item.type === 'message' && item.role === 'assistant' ? [contentText(item.content)] : [],
    )
    .join('');
  const message = cleanCommitMessage(text);
  return message === '' ? null : message;
}

/**
 * A commit message for `diff` from the model the thread last ran with (a turn may override the
 * settings), or its settings' model before any turn. Null when no model or key is configured.
 */
export async function proposeCommitMessage(
  runtime: AgentRuntime,
  threadId: string,
  diff: string,
): Promise<string | null> {
  runtime.deps.threads.get(threadId);
  const last = runtime.turns.last(threadId);
  const effective = runtime.settings.effective(
    { threadId },
    last ? { provider: last.provider, model: last.model } : {},
  );
  let model: Model;
  try {
    model = await createModel(effective, runtime.keys, runtime.env);
  } catch (error) {
    // createModel's only expected failure: no key (or endpoint) for the provider.
    if (error instanceof SkeinError) return null;
    throw error;
  }
  runtime.writer.flush();
  const requests = runtime.writer.rows
    .ofThread(threadId)
    .flatMap((item) => (item.kind === 'user_message' ? [item.text] : []))
    .slice(-CONTEXT_REQUESTS);
  const signal = AbortSignal.any([AbortSignal.timeout(COMMIT_MESSAGE_TIMEOUT_MS), runtime.stopping]);
  return askCommitMessage(model, diff, requests, signal);
}
