import { describe, expect, test } from 'vitest';
import { ERROR_CODES, RpcError, type RebaseFile, type RebaseState } from '../../src-shared/contract';
import {
  binaryResolveParams,
  editorTexts,
  isMarkersRefusal,
  missingSideNote,
  resolveParams,
  takeSide,
} from '../../src-renderer/features/rebase/rebase-resolution';
import { NO_REBASE, withRebaseState } from '../../src-renderer/features/rebase/rebase-slice';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);

function state(change: Partial<RebaseState> = {}): RebaseState {
  return {
    threadId: 't1',
    inProgress: true,
    onto: 'c'.repeat(40),
    origHead: 'd'.repeat(40),
    step: 1,
    total: 2,
    stoppedAt: { commit: C1, subject: 'First' },
    conflicts: [
      { path: 'a.ts', status: 'UU', binary: false },
      { path: 'b.ts', status: 'UU', binary: false },
    ],
    stashed: false,
    trashRef: null,
    ...change,
  };
}

const FILE: RebaseFile = {
  path: 'a.ts',
  ancestor: 'old\n',
  base: 'base\n',
  thread: 'thread\n',
  working: '<<<<<<< HEAD\nbase\n=======\nthread\n>>>>>>> x\n',
  binary: false,
  language: 'typescript',
};

describe('folding rebase states into the panel', () => {
  test('a stop opens its first conflicted file; resolving it opens the next', () => {
    const stopped = withRebaseState(NO_REBASE, state());
    expect(stopped.openPath).toBe('a.ts');
    const picked = withRebaseState({ ...stopped, openPath: 'b.ts' }, state());
    expect(picked.openPath).toBe('b.ts');
    const resolved = withRebaseState(stopped, state({ conflicts: [state().conflicts[1]!] }));
    expect(resolved.openPath).toBe('b.ts');
    const allDone = withRebaseState(resolved, state({ conflicts: [] }));
    expect(allDone.openPath).toBeNull();
  });

  test('a closed view stays closed until git stops at another commit', () => {
    const closed = { ...withRebaseState(NO_REBASE, state()), openPath: null };
    expect(withRebaseState(closed, state({ conflicts: [state().conflicts[1]!] })).openPath).toBeNull();
    const nextStop = state({ step: 2, stoppedAt: { commit: C2, subject: 'Second' } });
    expect(withRebaseState(closed, nextStop).openPath).toBe('a.ts');
  });

  test('the end of a rebase closes the view and forgets the agent turn', () => {
    const asked = { ...withRebaseState(NO_REBASE, state()), agentTurnId: 'turn1', statusError: 'old' };
    const over = withRebaseState(asked, state({ inProgress: false, conflicts: [], stoppedAt: null }));
    expect(over).toMatchObject({ openPath: null, agentTurnId: null, statusError: null });
    expect(withRebaseState(asked, state()).agentTurnId).toBe('turn1');
  });
});

describe('resolutions', () => {
  test('taking a side takes its text, or deletes the file when that side has none', () => {
    expect(takeSide(FILE, 'base')).toEqual({ kind: 'content', text: 'base\n' });
    expect(takeSide(FILE, 'thread')).toEqual({ kind: 'content', text: 'thread\n' });
    expect(takeSide({ ...FILE, thread: null }, 'thread')).toEqual({ kind: 'delete' });
  });

  test('params for rebase/resolve', () => {
    expect(resolveParams('t1', 'a.ts', { kind: 'content', text: 'x' })).toEqual({
      threadId: 't1',
      path: 'a.ts',
      content: 'x',
    });
    expect(resolveParams('t1', 'a.ts', { kind: 'delete' })).toEqual({
      threadId: 't1',
      path: 'a.ts',
      delete: true,
    });
    expect(binaryResolveParams('t1', 'logo.png', 'thread')).toEqual({
      threadId: 't1',
      path: 'logo.png',
      take: 'thread',
    });
    expect(binaryResolveParams('t1', 'logo.png', 'delete')).toEqual({
      threadId: 't1',
      path: 'logo.png',
      delete: true,
    });
  });

  test('missing sides show empty editors with a note', () => {
    const deleted = { ...FILE, base: null, ancestor: null };
    expect(editorTexts(deleted)).toMatchObject({ base: '', ancestor: '', thread: 'thread\n' });
    expect(missingSideNote(deleted, 'base')).toMatch(/base deleted/);
    expect(missingSideNote(deleted, 'ancestor')).toMatch(/did not exist/);
    expect(missingSideNote(FILE, 'thread')).toBeNull();
  });
});

describe('the host refusing conflict markers', () => {
  test('is told apart from other failures by its kind and regions', () => {
    const refusal = new RpcError({
      code: ERROR_CODES.INVALID_STATE,
      message: 'a.ts still has a conflict region',
      data: { kind: 'INVALID_STATE', details: { path: 'a.ts', regions: [{ start: 1, end: 5 }] } },
    });
    const other = new RpcError({
      code: ERROR_CODES.INVALID_STATE,
      message: 'The agent is working',
      data: { kind: 'INVALID_STATE', details: { threadId: 't1' } },
    });
    expect(isMarkersRefusal(refusal)).toBe(true);
    expect(isMarkersRefusal(other)).toBe(false);
    expect(isMarkersRefusal(new Error('plain'))).toBe(false);
  });
});
