import type { ReviewComment } from '../../../src-shared/contract';

type QuotedComment = Pick<ReviewComment, 'path' | 'side' | 'startLine' | 'endLine' | 'body' | 'quote'>;

const INTRO = 'Please address these review comments:';
const OLD_SIDE_NOTE =
  'Lines marked (old) are in the file as it was before this thread changed it; lines marked (new) are in the file as it is now.';

/** Comments in the order a reviewer reads a diff: by file, then by line. */
export function byFileAndLine<T extends QuotedComment>(comments: readonly T[]): T[] {
  return [...comments].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.startLine - b.startLine ||
      a.endLine - b.endLine ||
      (a.side === b.side ? 0 : a.side === 'old' ? -1 : 1),
  );
}

/** A code fence longer than any run of backticks in the text, so a quote cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function describeLines(comment: QuotedComment): string {
  return comment.startLine === comment.endLine
    ? `line ${comment.startLine}`
    : `lines ${comment.startLine}-${comment.endLine}`;
}

function quoteBlock(comment: QuotedComment, index: number): string {
  const heading = `${index + 1}. ${comment.path}, ${describeLines(comment)} (${comment.side}):`;
  const quote = comment.quote.replace(/\n+$/, '');
  if (quote.trim() === '') return `${heading}\n${comment.body.trim()}`;
  const fence = fenceFor(quote);
  return `${heading}\n${fence}\n${quote}\n${fence}\n${comment.body.trim()}`;
}

/**
 * The user message `review/send` starts a turn with: every comment numbered with its file, lines,
 * side and the quoted lines, then the reviewer's own words. With no comments it is the words alone.
 */
export function buildReviewMessage(comments: readonly QuotedComment[], extra?: string): string {
  const words = extra?.trim() ?? '';
  if (comments.length === 0) return words;
  const ordered = byFileAndLine(comments);
  const parts = [INTRO];
  if (ordered.some((comment) => comment.side === 'old')) parts.push(OLD_SIDE_NOTE);
  parts.push(...ordered.map(quoteBlock));
  if (words !== '') parts.push(words);
  return parts.join('\n\n');
}
