import { describe, expect, it } from 'vitest';
import type { Item, Turn } from '../../src-shared/contract';
import {
  appendDelta,
  emptyTranscript,
  foldEvent,
  foldEvents,
  isContinuationPrompt,
  lastTurn,
  mergeDeltas,
  transcriptFromSnapshot,
  userMessages,
  type Delta,
} from '../../src-renderer/features/conversation/transcript-fold';

const base = {
  threadId: 'thread-1',
  turnId: 'turn-1',
  status: 'in_progress' as const,
  startedAt: 1,
  completedAt: null,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
};

function message(id: string, seq: number, text = ''): Item {
  return { ...base, id, seq, kind: 'agent_message', text };
}

function command(id: string, seq: number): Item {
  return {
    ...base,
    id,
    seq,
    kind: 'command',
    command: 'npm test',
    cwd: '/w',
    reason: null,
    sandbox: null,
    exitCode: null,
    output: '',
    timedOut: false,
    durationMs: null,
  };
}

function turn(id: string, seq: number, status: Turn['status'] = 'running'): Turn {
  return {
    id,
    threadId: 'thread-1',
    seq,
    status,
    provider: 'openai',
    model: 'm',
    startedAt: 1,
    completedAt: null,
    usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0 },
    costUsd: null,
    error: null,
    continuesTurnId: null,
    snapshotBefore: null,
    snapshotAfter: null,
  };
}

const delta = (itemId: string, text: string, stream: Delta['stream'] = 'text'): Delta => ({
  threadId: 'thread-1',
  turnId: 'turn-1',
  itemId,
  stream,
  delta: text,
});

describe('folding agent notifications into a transcript', () => {
  it('streams text into the agent message and output into the command', () => {
    const state = foldEvents(emptyTranscript(), [
      { type: 'item-started', item: message('m1', 1) },
      { type: 'delta', delta: delta('m1', 'Hel') },
      { type: 'delta', delta: delta('m1', 'lo') },
      { type: 'item-started', item: command('c1', 2) },
      { type: 'delta', delta: delta('c1', 'ok\n', 'output') },
    ]);
    expect(state.order).toEqual(['m1', 'c1']);
    expect(state.items.m1).toMatchObject({ text: 'Hello' });
    expect(state.items.c1).toMatchObject({ output: 'ok\n' });
    expect(state.itemTurn).toEqual({ m1: 'turn-1', c1: 'turn-1' });
  });

  it('replaces only the item a delta touches, so other items keep their identity', () => {
    let state = foldEvents(emptyTranscript(), [
      { type: 'item-started', item: message('m1', 1, 'done') },
      { type: 'item-started', item: message('m2', 2) },
    ]);
    const before = state;
    state = foldEvent(state, { type: 'delta', delta: delta('m2', 'x') });
    expect(state.items.m1).toBe(before.items.m1);
    expect(state.order).toBe(before.order);
    expect(state.itemTurn).toBe(before.itemTurn);
    expect(state.items.m2).not.toBe(before.items.m2);
  });

  it('lets the completed item win over streamed text, and ignores deltas after completion', () => {
    const done = { ...message('m1', 1, 'Final text'), status: 'completed' as const };
    const state = foldEvents(emptyTranscript(), [
      { type: 'item-started', item: message('m1', 1) },
      { type: 'delta', delta: delta('m1', 'Fin') },
      { type: 'item-completed', item: done },
      { type: 'delta', delta: delta('m1', 'late') },
    ]);
    expect(state.items.m1).toEqual(done);
  });

  it('keeps a fetched item when its start arrives late, and ignores deltas for unknown items', () => {
    const snapshot = transcriptFromSnapshot([turn('turn-1', 1)], [message('m1', 1, 'Already here')]);
    const state = foldEvents(snapshot, [
      { type: 'item-started', item: message('m1', 1) },
      { type: 'delta', delta: delta('nope', 'lost') },
    ]);
    expect(state.items.m1).toMatchObject({ text: 'Already here' });
    expect(state.order).toEqual(['m1']);
    expect(state).toBe(snapshot);
  });

  it('orders items and turns by seq whatever order they arrive in', () => {
    const state = foldEvents(transcriptFromSnapshot([], [message('b', 5), message('a', 2)]), [
      { type: 'item-started', item: message('c', 3) },
      { type: 'turn', turn: turn('t2', 2) },
      { type: 'turn', turn: turn('t1', 1) },
    ]);
    expect(state.order).toEqual(['a', 'c', 'b']);
    expect(state.turnOrder).toEqual(['t1', 't2']);
    expect(lastTurn(state)?.id).toBe('t2');
  });

  it('updates a turn in place when it completes', () => {
    const state = foldEvents(emptyTranscript(), [
      { type: 'turn', turn: turn('t1', 1) },
      { type: 'turn', turn: turn('t1', 1, 'interrupted') },
    ]);
    expect(state.turnOrder).toEqual(['t1']);
    expect(lastTurn(state)?.status).toBe('interrupted');
  });

  it('appends each stream to the field it names and leaves others unchanged', () => {
    const reasoning: Item = { ...base, id: 'r', seq: 1, kind: 'reasoning', text: 'a' };
    expect(appendDelta(reasoning, 'reasoning', 'b')).toMatchObject({ text: 'ab' });
    const msg = message('m', 1, 'x');
    expect(appendDelta(msg, 'output', 'y')).toBe(msg);
    expect(appendDelta(msg, 'text', '')).toBe(msg);
  });

  it('merges consecutive deltas of one item and stream, keeping order across items', () => {
    expect(
      mergeDeltas([delta('a', '1'), delta('a', '2'), delta('b', 'x', 'output'), delta('a', '3')]).map((d) => [
        d.itemId,
        d.delta,
      ]),
    ).toEqual([
      ['a', '12'],
      ['b', 'x'],
      ['a', '3'],
    ]);
  });

  it('lists the user messages oldest first for the composer history', () => {
    const user = (id: string, seq: number, text: string): Item => ({
      ...base,
      id,
      seq,
      kind: 'user_message',
      text,
      steer: false,
    });
    const state = transcriptFromSnapshot(
      [],
      [user('u2', 3, 'second'), message('m', 2), user('u1', 1, 'first')],
    );
    expect(userMessages(state)).toEqual(['first', 'second']);
  });

  it('leaves the prompt that opened a continuation turn out of the history, but keeps steers', () => {
    const user = (id: string, seq: number, turnId: string, text: string, steer = false): Item => ({
      ...base,
      id,
      seq,
      turnId,
      kind: 'user_message',
      text,
      steer,
    });
    const continued = { ...turn('t2', 2), continuesTurnId: 't1' };
    const state = transcriptFromSnapshot(
      [turn('t1', 1, 'interrupted'), continued],
      [
        user('u1', 1, 't1', 'do it'),
        user('u2', 2, 't2', 'Continue where you stopped'),
        user('u3', 3, 't2', 'faster', true),
      ],
    );
    expect(userMessages(state)).toEqual(['do it', 'faster']);
    expect(isContinuationPrompt(state.items.u2!, state.turns.t2)).toBe(true);
    expect(isContinuationPrompt(state.items.u3!, state.turns.t2)).toBe(false);
    expect(isContinuationPrompt(state.items.u1!, state.turns.t1)).toBe(false);
  });
});
