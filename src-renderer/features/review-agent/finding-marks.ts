import type { FindingSeverity, ReviewFinding } from '../../../src-shared/contract';
import { escapeMarkdown, lineSpan } from '../review/comment-marks';

/**
 * How findings appear in the diff editor (new side only: their lines are the thread's version),
 * computed without Monaco; the editor adapter turns these into decorations.
 */
export interface FindingMark {
  findingId: string;
  startLine: number;
  endLine: number;
  severity: FindingSeverity;
  lineClass: string;
  glyphClass: string;
  /** Markdown (escaped: the model's text is never interpreted). */
  hover: string;
}

export const SEVERITY_WORD: Record<FindingSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function confidenceText(confidence: number): string {
  return `${Math.round(confidence * 100)}% sure`;
}

/** One file's findings as marks, clamped to the lines the file has now (it may have changed since the review). */
export function findingMarks(
  findings: readonly ReviewFinding[],
  path: string,
  lineCount: number,
): FindingMark[] {
  if (lineCount < 1) return [];
  return findings
    .filter((finding) => finding.path === path)
    .map((finding) => {
      const startLine = Math.min(finding.startLine, lineCount);
      const endLine = Math.min(Math.max(startLine, finding.endLine), lineCount);
      const heading = `Review finding · ${SEVERITY_WORD[finding.severity]} · ${confidenceText(finding.confidence)} · ${lineSpan(finding.startLine, finding.endLine)}`;
      return {
        findingId: finding.id,
        startLine,
        endLine,
        severity: finding.severity,
        lineClass: `review-finding-line review-finding-${finding.severity}`,
        glyphClass: `review-finding-glyph review-finding-glyph-${finding.severity}`,
        hover: `**${escapeMarkdown(heading)}**\n\n**${escapeMarkdown(finding.title)}**\n\n${escapeMarkdown(finding.body)}`,
      };
    })
    .sort((a, b) => a.startLine - b.startLine);
}
