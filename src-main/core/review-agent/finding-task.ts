import type { ReviewFinding } from '../../../src-shared/contract';

function lines(finding: ReviewFinding): string {
  return finding.startLine === finding.endLine
    ? `line ${finding.startLine}`
    : `lines ${finding.startLine}-${finding.endLine}`;
}

/** The message that gives one finding to the thread's agent as a task. */
export function findingTask(finding: ReviewFinding): string {
  return [
    `A code review of this branch found a problem (${finding.severity} severity) in ${finding.path}, ${lines(finding)}:`,
    '',
    finding.title,
    '',
    finding.body,
    '',
    'Check whether it is real. If it is, fix it; if it is not, say why and change nothing.',
  ].join('\n');
}
