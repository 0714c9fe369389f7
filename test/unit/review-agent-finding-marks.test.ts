import { describe, expect, it } from 'vitest';
import type { ReviewFinding, ReviewRun } from '../../src-shared/contract';
import { findingMarks } from '../../src-renderer/features/review-agent/finding-marks';
import { shownFindings } from '../../src-renderer/features/review-agent/review-agent-slice';

function finding(overrides: Partial<ReviewFinding> = {}): ReviewFinding {
  return {
    id: 'f1',
    runId: 'r1',
    title: 'Off by one',
    body: 'Use `>=` here.',
    path: 'src/a.ts',
    startLine: 4,
    endLine: 6,
    severity: 'high',
    confidence: 0.8,
    status: 'open',
    sentTurnId: null,
    ...overrides,
  };
}

function run(status: ReviewRun['status'], findings: ReviewFinding[]): ReviewRun {
  return {
    id: `run-${status}`,
    threadId: 't',
    reviewer: 'built-in',
    provider: 'openai',
    model: 'm',
    status,
    verdict: null,
    summary: null,
    from: null,
    to: null,
    diffTruncated: false,
    invalid: [],
    error: null,
    createdAt: 1,
    completedAt: null,
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
    findings,
  };
}

describe('findingMarks', () => {
  it('marks one file’s findings, clamped to its lines, with an escaped hover', () => {
    const marks = findingMarks(
      [
        finding(),
        finding({ id: 'f2', startLine: 9, endLine: 30, severity: 'low' }),
        finding({ id: 'f3', path: 'b.ts' }),
      ],
      'src/a.ts',
      12,
    );
    expect(marks.map((m) => [m.findingId, m.startLine, m.endLine])).toEqual([
      ['f1', 4, 6],
      ['f2', 9, 12],
    ]);
    expect(marks[0]?.lineClass).toBe('review-finding-line review-finding-high');
    expect(marks[0]?.hover).toContain('Use \\`\\>=\\` here\\.');
    expect(marks[0]?.hover).toContain('80% sure');
    expect(findingMarks([finding()], 'src/a.ts', 0)).toEqual([]);
  });
});

describe('shownFindings', () => {
  it('shows the newest completed run’s findings, without dismissed ones', () => {
    const runs = [
      run('running', []),
      run('completed', [
        finding(),
        finding({ id: 'f2', status: 'dismissed' }),
        finding({ id: 'f3', status: 'sent' }),
      ]),
      run('failed', [finding({ id: 'old' })]),
    ];
    expect(shownFindings(runs).map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(shownFindings([])).toEqual([]);
  });
});
