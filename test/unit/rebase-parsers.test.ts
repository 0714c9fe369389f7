import { describe, expect, it } from 'vitest';
import type { RebaseState } from '../../src-shared/contract';
import { parseUnmerged } from '../../src-main/core/git';
import { findConflictRegions, lastDoneCommit, rebaseConflictPrompt } from '../../src-main/core/rebase';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseUnmerged', () => {
  it('reads the letters and the sides of each conflicted path, skipping other records', () => {
    const output = [
      `1 .M N... 100644 100644 100644 ${A} ${A} clean.ts`,
      `u UU N... 100644 100644 100644 100644 ${A} ${B} ${C} src/both changed.ts`,
      `u DU N... 100644 000000 100644 100644 ${A} ${ZERO} ${C} gone.ts`,
      `u AA N... 000000 100644 120000 120000 ${ZERO} ${B} ${C} link`,
      '? untracked.txt',
      '',
    ].join('\0');
    expect(parseUnmerged(output)).toEqual([
      {
        path: 'src/both changed.ts',
        status: 'UU',
        stages: {
          1: { mode: '100644', object: A },
          2: { mode: '100644', object: B },
          3: { mode: '100644', object: C },
        },
      },
      {
        path: 'gone.ts',
        status: 'DU',
        stages: { 1: { mode: '100644', object: A }, 2: null, 3: { mode: '100644', object: C } },
      },
      {
        path: 'link',
        status: 'AA',
        stages: { 1: null, 2: { mode: '100644', object: B }, 3: { mode: '120000', object: C } },
      },
    ]);
  });
});

describe('lastDoneCommit', () => {
  it('takes the commit of the last replaying line of the done file', () => {
    const done = `pick ${A} First\n# a comment\nexec make\npick ${B} Second\n\n`;
    expect(lastDoneCommit(done)).toBe(B);
    expect(lastDoneCommit(`fixup -C ${C} Fix\n`)).toBe(C);
    expect(lastDoneCommit('exec make\n')).toBeNull();
  });
});

describe('findConflictRegions', () => {
  it('finds whole regions, diff3 ones included, with their lines', () => {
    const text = [
      'keep',
      '<<<<<<< HEAD',
      'base',
      '||||||| parent of 1234567 (Thread edit)',
      'ancestor',
      '=======',
      'thread',
      '>>>>>>> 1234567 (Thread edit)',
      'tail',
      '<<<<<<< HEAD',
      '=======',
      '>>>>>>> other',
      '',
    ].join('\n');
    expect(findConflictRegions(text)).toEqual([
      { start: 2, end: 8 },
      { start: 10, end: 12 },
    ]);
  });

  it('does not count stray marker-like lines', () => {
    expect(findConflictRegions('=======\nheading\n=======\n')).toEqual([]);
    expect(findConflictRegions('<<<<<<< HEAD\nno end\n=======\n')).toEqual([]);
    expect(findConflictRegions('>>>>>>> only\n<<<<<<<< eight\n')).toEqual([]);
    expect(findConflictRegions('<<<<<<< HEAD\r\nx\r\n=======\r\ny\r\n>>>>>>> t\r\n')).toHaveLength(1);
  });
});

describe('rebaseConflictPrompt', () => {
  const state: RebaseState = {
    threadId: 't1',
    inProgress: true,
    onto: A,
    origHead: B,
    step: 2,
    total: 3,
    stoppedAt: { commit: C, subject: 'Add the parser' },
    conflicts: [
      { path: 'src/parse.ts', status: 'UU', binary: false },
      { path: 'logo.png', status: 'UU', binary: true },
      { path: 'old.ts', status: 'DU', binary: false },
    ],
    stashed: false,
    trashRef: null,
  };

  it('names the files, the sides, the commit being replayed, and what the agent must not do', () => {
    const text = rebaseConflictPrompt({
      state,
      branch: 'skein/parser',
      base: 'main',
      note: ' Prefer the base API. ',
    });
    expect(text).toContain(`skein/parser onto main`);
    expect(text).toContain(`${C.slice(0, 10)} "Add the parser" (commit 2 of 3)`);
    expect(text).toContain('- src/parse.ts (both sides changed it)');
    expect(text).toContain('- logo.png (both sides changed it; binary, so pick one side whole)');
    expect(text).toContain('- old.ts (the base deleted it, the thread commit changed it)');
    expect(text).toMatch(/"<<<<<<<" and "=======" is the base side/);
    expect(text).toMatch(/Do not run git commands that change the index, refs or history/);
    expect(text.endsWith('Note from the user: Prefer the base API.')).toBe(true);
  });

  it('explains the sides differently when the uncommitted work is what conflicts', () => {
    const text = rebaseConflictPrompt({
      state: { ...state, inProgress: false, stoppedAt: null, step: null, total: null, stashed: true },
      branch: 'skein/parser',
      base: 'main',
    });
    expect(text).toMatch(/putting the uncommitted changes back on top of it conflicted/);
    expect(text).not.toContain('Note from the user');
  });
});
