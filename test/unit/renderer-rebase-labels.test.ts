import { describe, expect, test } from 'vitest';
import {
  agentBusyReason,
  behindBase,
  conflictFileLabel,
  conflictRegionLines,
  conflictStatusLabel,
  continueBlockedReason,
  countConflictRegions,
  rebaseProgressLabel,
  shortCommit,
} from '../../src-renderer/features/rebase/rebase-labels';

const MERGED = [
  'line one',
  '<<<<<<< HEAD',
  'base side',
  '=======',
  'thread side',
  '>>>>>>> 1234567 (Change the line)',
  'middle',
  '<<<<<<< HEAD',
  '||||||| parent of 1234567',
  'ancestor',
  '=======',
  '>>>>>>> 1234567 (Change the line)',
  'end',
].join('\n');

describe('rebase labels', () => {
  test('stage letters read base side first, thread side second (git ours/theirs during a rebase)', () => {
    expect(conflictStatusLabel('UU')).toBe('changed on both sides');
    expect(conflictStatusLabel('DU')).toBe("deleted on the base, changed by the thread's change");
    expect(conflictStatusLabel('UD')).toBe("changed on the base, deleted by the thread's change");
    expect(conflictStatusLabel('XY')).toBe('in conflict');
    expect(conflictFileLabel({ path: 'img/logo.png', status: 'UU', binary: true })).toBe(
      'img/logo.png, changed on both sides, binary',
    );
  });

  test('progress names the step when git reports it', () => {
    expect(rebaseProgressLabel({ step: 2, total: 3 })).toBe('Step 2 of 3');
    expect(rebaseProgressLabel({ step: null, total: 3 })).toBe('Replaying commits');
    expect(rebaseProgressLabel({ step: 0, total: 0 })).toBe('Replaying commits');
  });

  test('continue is blocked while conflicts remain, with a reason that counts them', () => {
    const file = { path: 'a.ts', status: 'UU', binary: false };
    expect(continueBlockedReason({ conflicts: [] })).toBeNull();
    expect(continueBlockedReason({ conflicts: [file] })).toBe(
      'Resolve the conflicted file first (or ask the agent).',
    );
    expect(continueBlockedReason({ conflicts: [file, { ...file, path: 'b.ts' }] })).toBe(
      'Resolve the 2 conflicted files first (or ask the agent).',
    );
  });

  test('conflict regions are counted and located only when closed', () => {
    expect(countConflictRegions(MERGED)).toBe(2);
    expect(conflictRegionLines(MERGED)).toEqual([
      { start: 2, end: 6 },
      { start: 8, end: 12 },
    ]);
    expect(countConflictRegions('no markers\n')).toBe(0);
    // A lone start marker (say, in a Markdown sample) is not a region; CRLF files count too.
    expect(countConflictRegions('<<<<<<< HEAD\nnever closed\n')).toBe(0);
    expect(countConflictRegions('<<<<<<< HEAD\r\na\r\n=======\r\nb\r\n>>>>>>> x\r\n')).toBe(1);
    // Eight angle brackets are not a marker.
    expect(countConflictRegions('<<<<<<<< x\n>>>>>>> y\n')).toBe(0);
  });

  test('short commits and busy agents', () => {
    expect(shortCommit('0123456789abcdef')).toBe('0123456');
    expect(shortCommit(null)).toBe('');
    expect(agentBusyReason('working')).toBe("Wait for the agent's turn to end.");
    expect(agentBusyReason('waiting_approval')).toMatch(/approval/);
    expect(agentBusyReason('done')).toBeNull();
  });

  test('behind the base when the merge-base is not the base tip; unknown outside the base range', () => {
    const A = 'a'.repeat(40);
    const B = 'b'.repeat(40);
    const base = { branch: 'main', commit: B };
    expect(behindBase({ range: { kind: 'base' }, from: A, base })).toBe(true);
    expect(behindBase({ range: { kind: 'base' }, from: B, base })).toBe(false);
    expect(behindBase({ range: { kind: 'base' }, from: A, base: null })).toBeNull();
    expect(behindBase(null)).toBeNull();
  });
});
