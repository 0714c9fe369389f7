import { describe, expect, test } from 'vitest';
import type { DiffFile, Item, MergePreview, Turn } from '../../src-shared/contract';
import { mergeNotes } from '../../src-renderer/features/review/merge-notes';
import {
  changeLetter,
  describeFile,
  describeSizes,
  formatBytes,
  modeChange,
} from '../../src-renderer/features/review/review-format';
import {
  firstRequests,
  rangeChoices,
  rangeValue,
  requestPreview,
  turnLabel,
} from '../../src-renderer/features/review/turn-choices';

function turn(id: string, seq: number, snapshots: boolean, extra: Partial<Turn> = {}): Turn {
  return {
    id,
    threadId: 't',
    seq,
    status: snapshots ? 'completed' : 'running',
    provider: 'openai',
    model: 'm',
    startedAt: seq,
    completedAt: null,
    usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0 },
    costUsd: null,
    error: null,
    continuesTurnId: null,
    snapshotBefore: snapshots ? 'a'.repeat(40) : null,
    snapshotAfter: snapshots ? 'b'.repeat(40) : null,
    ...extra,
  };
}

function userMessage(id: string, turnId: string, seq: number, text: string, steer = false): Item {
  return {
    id,
    threadId: 't',
    turnId,
    seq,
    status: 'completed',
    startedAt: seq,
    completedAt: seq,
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    kind: 'user_message',
    text,
    steer,
  };
}

describe('range choices', () => {
  test('a request is cut to its first words on one line', () => {
    expect(requestPreview('  Fix the login form  ')).toBe('Fix the login form');
    expect(requestPreview('\nPlease address these review comments:\n\n1. a.ts, line 3')).toBe(
      'Please address these review comments…',
    );
    expect(requestPreview('one two three four five six seven eight')).toBe('one two three four five six…');
    expect(requestPreview('x'.repeat(80))).toBe(`${'x'.repeat(48)}…`);
  });

  test('each turn’s request is its first message that is not a steer', () => {
    const requests = firstRequests([
      userMessage('i3', 't1', 3, 'also this', true),
      userMessage('i1', 't1', 1, 'Write the greeting'),
      userMessage('i5', 't2', 5, 'Second task'),
    ]);
    expect([...requests]).toEqual([
      ['t1', 'Write the greeting'],
      ['t2', 'Second task'],
    ]);
  });

  test('All changes first, then turns with both snapshots, oldest first', () => {
    const choices = rangeChoices(
      [turn('t3', 3, false), turn('t2', 2, true), turn('t1', 1, true)],
      new Map([['t1', 'Write a greeting file and some notes please']]),
    );
    expect(choices.map((c) => [c.value, c.label])).toEqual([
      ['base', 'All changes'],
      ['turn:t1', 'Turn 1: Write a greeting file and some…'],
      ['turn:t2', 'Turn 2'],
    ]);
    expect(choices[1]?.range).toEqual({ kind: 'turn', turnId: 't1' });
    expect(rangeValue({ kind: 'base' })).toBe('base');
  });

  test('a continued turn says so when it has no request of its own', () => {
    expect(turnLabel(turn('t4', 4, true, { continuesTurnId: 't3' }), undefined)).toBe('Turn 4: continued');
  });
});

describe('file descriptions', () => {
  const base: DiffFile = {
    path: 'a.sh',
    oldPath: null,
    change: 'modified',
    oldMode: '100644',
    newMode: '100755',
    additions: 3,
    deletions: 1,
    binary: false,
    oldSize: 100,
    newSize: 2_048,
    uncommitted: true,
  };

  test('letters, modes, sizes and the spoken description', () => {
    expect(
      ['added', 'modified', 'deleted', 'renamed', 'copied', 'type_changed'].map((k) =>
        changeLetter(k as DiffFile['change']),
      ),
    ).toEqual(['A', 'M', 'D', 'R', 'C', 'T']);
    expect(modeChange(base)).toBe('100644 → 100755');
    expect(modeChange({ oldMode: null, newMode: '100644' })).toBeNull();
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(5 * 1024 * 1024 + 200_000)).toBe('5.2 MB');
    expect(describeSizes(100, 2_048)).toBe('100 B → 2.0 KB');
    expect(describeSizes(null, 10)).toBe('new, 10 B');
    expect(describeFile(base)).toBe('modified, 3 added, 1 removed, mode 100644 → 100755, uncommitted');
    expect(
      describeFile({
        ...base,
        change: 'renamed',
        oldPath: 'old.sh',
        binary: true,
        oldMode: '100755',
        uncommitted: false,
      }),
    ).toBe('renamed, binary, from old.sh');
  });
});

describe('merge preview notes', () => {
  const clean: MergePreview = {
    threadId: 't',
    base: 'main',
    baseCommit: 'a'.repeat(40),
    head: 'b'.repeat(40),
    commits: 2,
    fastForward: true,
    conflicts: [],
    uncommitted: false,
    alreadyMerged: false,
    checkout: { path: '/repo', clean: true },
  };

  test('a clean merge can go ahead and says what happens to the checkout', () => {
    const { notes, canMerge } = mergeNotes(clean);
    expect(canMerge).toBe(true);
    expect(notes.map((n) => n.tone)).toEqual(['ok', 'ok']);
    expect(notes[0]?.text).toBe('2 commits ahead of main; the base can fast-forward.');
    expect(notes[1]?.text).toContain('/repo');
  });

  test('conflicts are named and block the merge; a dirty checkout and uncommitted work warn', () => {
    const { notes, canMerge } = mergeNotes({
      ...clean,
      conflicts: ['a.ts', 'b.ts'],
      uncommitted: true,
      checkout: { path: '/repo', clean: false },
    });
    expect(canMerge).toBe(false);
    expect(notes.map((n) => n.tone)).toEqual(['bad', 'bad', 'warn', 'ok']);
    expect(notes[0]?.text).toContain('2 files would conflict: a.ts, b.ts');
  });

  test('nothing to merge, or already merged, blocks it', () => {
    expect(mergeNotes({ ...clean, commits: 0, checkout: null }).canMerge).toBe(false);
    const merged = mergeNotes({ ...clean, alreadyMerged: true, checkout: null });
    expect(merged.canMerge).toBe(false);
    expect(merged.notes[0]?.text).toBe('Everything on this branch is already in main.');
  });
});
