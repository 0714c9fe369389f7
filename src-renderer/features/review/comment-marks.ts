import type { ReviewComment } from '../../../src-shared/contract';

/**
 * How review comments appear in the diff editor, computed without Monaco: which lines they mark on
 * each side, the hover text, and the note shown under their last line. The editor adapter turns
 * these into decorations and view zones.
 */
export type CommentSide = ReviewComment['side'];
export type CommentStatus = ReviewComment['status'];

/** A note under the lines taller than this scrolls; the side panel has the whole text. */
const MAX_ZONE_LINES = 6;

export interface CommentMark {
  commentId: string;
  startLine: number;
  endLine: number;
  status: CommentStatus;
  /** CSS classes for the lines' background and the glyph margin. */
  lineClass: string;
  glyphClass: string;
  /** Markdown (escaped: the comment's own text is never interpreted). */
  hover: string;
  /** A note under the last line; null for resolved comments (their lines are marked only). */
  zone: { afterLine: number; heightInLines: number; heading: string; body: string } | null;
}

export interface SideMarks {
  old: CommentMark[];
  new: CommentMark[];
}

const STATUS_WORD: Record<CommentStatus, string> = {
  draft: 'Draft',
  sent: 'Sent to the agent',
  resolved: 'Resolved',
};

/** Backslash-escapes every character Markdown could read as syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

export function lineSpan(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
}

function markFor(comment: ReviewComment, lineCount: number): CommentMark | null {
  if (lineCount < 1) return null;
  const startLine = Math.min(Math.max(1, comment.startLine), lineCount);
  const endLine = Math.min(Math.max(startLine, comment.endLine), lineCount);
  const heading = `${STATUS_WORD[comment.status]} · ${lineSpan(comment.startLine, comment.endLine)}`;
  const bodyLines = comment.body.split('\n').length;
  return {
    commentId: comment.id,
    startLine,
    endLine,
    status: comment.status,
    lineClass: `review-comment-line review-comment-${comment.status}`,
    glyphClass: `review-comment-glyph review-comment-glyph-${comment.status}`,
    hover: `**${escapeMarkdown(heading)}**\n\n${escapeMarkdown(comment.body)}`,
    zone:
      comment.status === 'resolved'
        ? null
        : {
            afterLine: endLine,
            heightInLines: Math.min(MAX_ZONE_LINES, bodyLines + 1),
            heading,
            body: comment.body,
          },
  };
}

/**
 * The marks of one file's comments on each side, clamped to the lines the side has now (a comment
 * can outlive the lines it was written on). A side that does not exist (null count) gets none.
 */
export function commentMarks(
  comments: readonly ReviewComment[],
  path: string,
  lineCounts: { old: number | null; new: number | null },
): SideMarks {
  const marks: SideMarks = { old: [], new: [] };
  for (const comment of comments) {
    if (comment.path !== path) continue;
    const count = lineCounts[comment.side];
    if (count === null) continue;
    const mark = markFor(comment, count);
    if (mark) marks[comment.side].push(mark);
  }
  for (const side of ['old', 'new'] as const) marks[side].sort((a, b) => a.startLine - b.startLine);
  return marks;
}

export interface LineSelection {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * The lines a selection is about. A selection that ends at the very start of a line (a drag down
 * the gutter, or Shift+Down) does not include that line.
 */
export function selectedLines(selection: LineSelection): { startLine: number; endLine: number } {
  const startLine = Math.min(selection.startLineNumber, selection.endLineNumber);
  let endLine = Math.max(selection.startLineNumber, selection.endLineNumber);
  const endsAtColumnOne =
    selection.endLineNumber > selection.startLineNumber ? selection.endColumn : selection.startColumn;
  if (endLine > startLine && endsAtColumnOne === 1) endLine -= 1;
  return { startLine, endLine };
}

/** The text of lines `startLine`..`endLine` (1-based, inclusive), as the comment quotes them. */
export function quoteLines(text: string, startLine: number, endLine: number): string {
  return text
    .split('\n')
    .slice(startLine - 1, endLine)
    .join('\n');
}
