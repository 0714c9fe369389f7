import { describe, expect, test } from 'vitest';
import type { ConflictMatrix, ConflictPair, RadarThread } from '../../src-shared/contract';
import {
  badgeFor,
  cellLabel,
  cellMark,
  describePair,
  listInWords,
  mergeWarningFor,
  pairBetween,
  sideName,
  simulationStepText,
} from '../../src-renderer/features/conflicts/conflict-labels';

const TITLES: Record<string, string> = { a: 'Alpha', b: 'Beta', c: 'Gamma' };
const titleOf = (id: string) => TITLES[id] ?? id;

function radarThread(threadId: string, extra: Partial<RadarThread> = {}): RadarThread {
  return {
    threadId,
    base: 'main',
    snapshot: null,
    head: null,
    uncommitted: false,
    touched: [],
    conflictsWith: [],
    conflictsWithBase: false,
    overlapsWith: [],
    takenAt: null,
    error: null,
    ...extra,
  };
}

function pair(a: string, b: string | null, extra: Partial<ConflictPair> = {}): ConflictPair {
  return {
    a,
    b,
    status: 'clean',
    conflicts: [],
    overlaps: [],
    error: null,
    fromA: null,
    fromB: null,
    ...extra,
  };
}

const MATRIX: ConflictMatrix = {
  projectId: 'p',
  bases: {},
  threads: [
    radarThread('a', { conflictsWith: ['b'], conflictsWithBase: true }),
    radarThread('b', { conflictsWith: ['a'] }),
    radarThread('c', { overlapsWith: ['a'] }),
  ],
  pairs: [
    pair('a', 'b', { status: 'conflict', conflicts: ['src/app.ts'] }),
    pair('a', 'c', { status: 'overlap', overlaps: ['README.md', 'docs/x.md'] }),
    pair('b', 'c'),
    pair('a', null, { status: 'conflict', conflicts: ['a.txt', 'b.txt', 'c.txt', 'd.txt'] }),
    pair('b', null, { status: 'pending' }),
    pair('c', null, { status: 'error', error: 'worktree missing' }),
  ],
  computing: false,
  suggestedOrder: ['c', 'b', 'a'],
  updatedAt: 1,
};

describe('conflict badges', () => {
  test('counts the threads and the base a thread conflicts with', () => {
    expect(badgeFor(MATRIX.threads[0], titleOf, 'main')).toEqual({
      tone: 'conflict',
      text: '⚠ 2',
      label: 'Conflicts with 1 thread and base',
      title: 'Conflicts with Beta and the base main',
    });
    expect(badgeFor(MATRIX.threads[1], titleOf, 'main')?.label).toBe('Conflicts with 1 thread');
    expect(badgeFor(radarThread('x', { conflictsWithBase: true }), titleOf, 'main')?.label).toBe(
      'Conflicts with base',
    );
    expect(badgeFor(radarThread('x', { conflictsWith: ['a', 'b'] }), titleOf, 'main')).toMatchObject({
      text: '⚠ 2',
      label: 'Conflicts with 2 threads',
      title: 'Conflicts with Alpha and Beta',
    });
  });

  test('marks overlap-only threads quietly and clean ones not at all', () => {
    expect(badgeFor(MATRIX.threads[2], titleOf, 'main')).toMatchObject({
      tone: 'overlap',
      text: '◐ 1',
      label: 'Overlaps with 1 thread',
    });
    expect(badgeFor(radarThread('x'), titleOf, 'main')).toBeNull();
    expect(badgeFor(undefined, titleOf, 'main')).toBeNull();
  });
});

describe('matrix cells', () => {
  test('finds a pair in either order, and the base cell apart from the pairs', () => {
    expect(pairBetween(MATRIX, 'b', 'a')?.status).toBe('conflict');
    expect(pairBetween(MATRIX, 'a', 'b')?.conflicts).toEqual(['src/app.ts']);
    expect(pairBetween(MATRIX, 'a', null)?.conflicts).toHaveLength(4);
    expect(pairBetween(MATRIX, 'z', 'a')).toBeUndefined();
    expect(pairBetween(undefined, 'a', 'b')).toBeUndefined();
  });

  test('names each cell in words and marks it with an icon', () => {
    expect(cellLabel('Alpha', 'Beta', pairBetween(MATRIX, 'a', 'b'))).toBe(
      'Alpha and Beta: conflict in 1 file',
    );
    expect(cellLabel('Alpha', 'Gamma', pairBetween(MATRIX, 'a', 'c'))).toBe(
      'Alpha and Gamma: overlap in 2 files',
    );
    expect(cellLabel('Beta', sideName(null, titleOf, 'main'), pairBetween(MATRIX, 'b', null))).toBe(
      'Beta and base main: computing',
    );
    expect(describePair(pairBetween(MATRIX, 'b', 'c'))).toBe('clean');
    expect(describePair(pairBetween(MATRIX, 'c', null))).toBe('error: worktree missing');
    expect(describePair(undefined)).toBe('computing');
    expect(
      ['conflict', 'overlap', 'clean', 'pending', 'error'].map((s) =>
        cellMark(
          pair('a', 'b', { status: s as ConflictPair['status'], conflicts: ['x'], overlaps: ['y', 'z'] }),
        ),
      ),
    ).toEqual(['⚠ 1', '◐ 2', '✓', '…', '!']);
  });
});

describe('the warning before merge', () => {
  test('names the other threads and the base with their conflicting files', () => {
    expect(mergeWarningFor(MATRIX, 'a', titleOf)).toEqual({
      text: 'Merging this thread will conflict with Beta (src/app.ts) and its base main (a.txt, b.txt, c.txt and 1 more).',
      with: ['b', null],
    });
    expect(mergeWarningFor(MATRIX, 'b', titleOf)?.text).toBe(
      'Merging this thread will conflict with Alpha (src/app.ts).',
    );
  });

  test('says nothing for a thread that only overlaps, or that the radar does not know', () => {
    expect(mergeWarningFor(MATRIX, 'c', titleOf)).toBeNull();
    expect(mergeWarningFor(MATRIX, 'unknown', titleOf)).toBeNull();
    expect(mergeWarningFor(undefined, 'a', titleOf)).toBeNull();
  });
});

describe('words', () => {
  test('lists names the way a sentence does', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['A'])).toBe('A');
    expect(listInWords(['A', 'B'])).toBe('A and B');
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C');
  });

  test('describes each simulated step', () => {
    const step = { threadId: 'a', conflicts: [], commit: null, error: null };
    expect(simulationStepText({ ...step, outcome: 'merged' })).toBe('merges cleanly');
    expect(simulationStepText({ ...step, outcome: 'conflict', conflicts: ['x.ts'] })).toBe(
      'conflicts in x.ts; left out of the chain',
    );
    expect(simulationStepText({ ...step, outcome: 'error', error: 'boom' })).toBe('could not be tried: boom');
  });
});
