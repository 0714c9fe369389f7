import { describe, expect, it } from 'vitest';
import type { ConflictPair, Thread } from '../../src-shared/contract';
import {
  buildMatrix,
  suggestMergeOrder,
  type MergeOutcome,
  type TouchedInfo,
} from '../../src-main/core/conflicts';

function pair(a: string, b: string | null, status: ConflictPair['status']): ConflictPair {
  return { a, b, status, conflicts: [], overlaps: [], error: null, fromA: null, fromB: null };
}

const onMain = (...ids: string[]) => ids.map((threadId) => ({ threadId, base: 'main' }));

describe('suggested merge order', () => {
  it('takes the fewest-conflict threads first and never two that conflict with each other', () => {
    // a conflicts with b and c; b and c are fine together; d conflicts with nobody.
    const pairs = [
      pair('a', 'b', 'conflict'),
      pair('a', 'c', 'conflict'),
      pair('b', 'c', 'overlap'),
      pair('a', 'd', 'clean'),
    ];
    expect(suggestMergeOrder(onMain('a', 'b', 'c', 'd'), pairs)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('puts threads that conflict with their base last, and groups by base in order of appearance', () => {
    const threads = [...onMain('a', 'b'), { threadId: 'x', base: 'develop' }, ...onMain('c')];
    const pairs = [pair('a', null, 'conflict'), pair('b', 'c', 'conflict')];
    expect(suggestMergeOrder(threads, pairs)).toEqual(['b', 'c', 'a', 'x']);
  });

  it('keeps the given order on ties and with no conflicts at all', () => {
    expect(suggestMergeOrder(onMain('c', 'a', 'b'), [])).toEqual(['c', 'a', 'b']);
    expect(suggestMergeOrder([], [])).toEqual([]);
  });
});

function thread(id: string): Thread {
  return {
    id,
    projectId: 'p',
    title: id,
    slug: id,
    branch: `skein/${id}`,
    base: 'main',
    baseCommit: 'b0',
    worktreePath: `/w/${id}`,
    backend: 'builtin',
    status: 'ready',
    statusDetail: null,
    createdAt: 0,
    updatedAt: 0,
    archivedAt: null,
  };
}

describe('matrix from the radar state', () => {
  const merges = new Map<string, MergeOutcome>([
    ['sa|sb', { conflicts: ['x.ts'], tree: 't1' }],
    ['sa|base', { conflicts: [], tree: 't2' }],
  ]);
  const touched = new Map<string, TouchedInfo>([
    ['base|sa', { touched: ['x.ts', 'y.ts'], baseChanged: [], baseTree: 'tb' }],
    ['base|sb', { touched: ['y.ts', 'x.ts'], baseChanged: [], baseTree: 'tb' }],
  ]);
  const inputs = {
    projectId: 'p',
    bases: new Map([['main', 'base']]),
    baseErrors: new Map<string, string>(),
    merge: (a: string, b: string) => merges.get(`${a}|${b}`) ?? merges.get(`${b}|${a}`),
    touched: (base: string, snapshot: string) => touched.get(`${base}|${snapshot}`),
    computing: true,
    now: 5,
  };

  it('judges cells from merges and touched paths, pending until both are known', () => {
    const matrix = buildMatrix({
      ...inputs,
      threads: [
        {
          thread: thread('a'),
          snapshot: { head: 'ha', commit: 'sa', uncommitted: true },
          takenAt: 1,
          error: null,
        },
        {
          thread: thread('b'),
          snapshot: { head: 'hb', commit: 'sb', uncommitted: false },
          takenAt: 1,
          error: null,
        },
        { thread: thread('c'), snapshot: null, takenAt: null, error: 'The worktree is missing.' },
      ],
    });
    expect(matrix.pairs.map((cell) => [cell.a, cell.b, cell.status])).toEqual([
      ['a', 'b', 'conflict'],
      ['a', 'c', 'error'],
      ['b', 'c', 'error'],
      ['a', null, 'clean'],
      ['b', null, 'pending'],
      ['c', null, 'error'],
    ]);
    // A conflicting file is not also an overlap; the other shared file is.
    expect(matrix.pairs[0]).toMatchObject({
      conflicts: ['x.ts'],
      overlaps: ['y.ts'],
      fromA: 'sa',
      fromB: 'sb',
    });
    expect(matrix.threads[0]).toMatchObject({
      touched: ['x.ts', 'y.ts'],
      conflictsWith: ['b'],
      conflictsWithBase: false,
    });
    expect(matrix.threads[2]).toMatchObject({ snapshot: null, error: 'The worktree is missing.' });
    expect(matrix.bases).toEqual({ main: 'base' });
    expect(matrix.suggestedOrder).toEqual(['a', 'b', 'c']);
  });
});
