/**
 * What one tool result may put in front of the model. Sixteen thousand characters is about four
 * thousand tokens: enough for a test run's failures, small enough that a few results do not crowd
 * the context window (Codex keeps a similar budget per tool output).
 */
export const MAX_MODEL_OUTPUT_CHARS = 16_000;

/** Keeps the head and the tail, replacing the middle with a marker that says how much was cut. */
export function truncateMiddle(text: string, limit = MAX_MODEL_OUTPUT_CHARS): string {
  if (text.length <= limit) return text;
  const half = Math.floor(limit / 2);
  const omitted = text.length - 2 * half;
  return `${text.slice(0, half)}\n[… ${omitted} characters omitted …]\n${text.slice(text.length - half)}`;
}

/** The text of any thrown value, for a result the model reads. */
export { errorText } from '../../error-text';
