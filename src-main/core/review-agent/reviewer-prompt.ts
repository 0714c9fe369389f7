/**
 * What the reviewer is told. The instructions ask for JSON only even where the provider enforces a
 * schema, because some (our Anthropic model, many local endpoints) have no such switch.
 */

/**
 * The diff the reviewer reads: about 30,000 tokens, room for most branches' work while a 128k
 * context model keeps space for its answer; the middle of a longer diff is left out (and said so).
 */
export const MAX_REVIEW_DIFF_CHARS = 120_000;

export const REVIEWER_INSTRUCTIONS = [
  'You are a careful senior engineer reviewing a change (a unified git diff) before it is merged.',
  'Find real problems: bugs, wrong logic, security issues, data loss, races, missing error handling,',
  'broken edge cases, and clearly missing tests. Skip style nits and matters of taste.',
  'Each finding points at a file of the diff (its path exactly as the diff names it after "b/") and a',
  'line range in the NEW version of that file (the "+" side line numbers of the hunks).',
  'Answer with one JSON object and nothing else: no prose before or after, no code fences.',
  'Its shape: {"verdict": "approve" | "request_changes" | "comment", "summary": string,',
  '"findings": [{"title": string, "explanation": string, "file": string, "startLine": integer,',
  '"endLine": integer, "severity": "critical" | "high" | "medium" | "low" | "info",',
  '"confidence": number between 0 and 1}]}.',
  'Use "request_changes" when any finding must be fixed before merging, "approve" when none is found.',
].join('\n');

/** Keeps the head and tail of a long diff, marking the cut. */
export function fitDiff(diff: string, limit = MAX_REVIEW_DIFF_CHARS): { text: string; truncated: boolean } {
  if (diff.length <= limit) return { text: diff, truncated: false };
  const half = Math.floor(limit / 2);
  const left = diff.length - 2 * half;
  return {
    text: `${diff.slice(0, half)}\n[… ${left} characters of the diff left out …]\n${diff.slice(-half)}`,
    truncated: true,
  };
}

export function reviewerPrompt(input: {
  threadTitle: string;
  diff: string;
  truncated: boolean;
  files: readonly string[];
}): string {
  return [
    `The change to review is the work of the branch "${input.threadTitle}".`,
    `Files changed (${input.files.length}): ${input.files.join(', ')}`,
    input.truncated
      ? 'The diff was too long to give whole: its middle was left out (marked below). Review what you can see and do not guess about the rest.'
      : '',
    'The diff:',
    input.diff,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
}
