import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src-shared/contract';
import { useConversation } from '../../src-renderer/features/conversation/conversation-slice';
import {
  beginTranscriptFetch,
  flushTranscriptEvents,
  isFetchingTranscript,
  queueTranscriptEvent,
  resetTranscripts,
} from '../../src-renderer/features/conversation/transcript-events';

function message(id: string, seq: number, threadId = 't1', text = ''): Item {
  return {
    id,
    threadId,
    turnId: 'turn',
    seq,
    status: 'in_progress',
    startedAt: 1,
    completedAt: null,
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    kind: 'agent_message',
    text,
  };
}

const delta = (itemId: string, text: string, threadId = 't1') => ({
  type: 'delta' as const,
  delta: { threadId, turnId: 'turn', itemId, stream: 'text' as const, delta: text },
});

afterEach(() => resetTranscripts());

describe('routing notifications to transcripts', () => {
  it('drops events of threads this page does not hold', () => {
    queueTranscriptEvent('elsewhere', { type: 'item-started', item: message('m', 1, 'elsewhere') });
    flushTranscriptEvents();
    expect(useConversation.getState().byThread).toEqual({});
  });

  it('keeps events that arrive while a transcript is fetched and folds them on top of it', () => {
    const fetch = beginTranscriptFetch('t1');
    expect(isFetchingTranscript('t1')).toBe(true);
    queueTranscriptEvent('t1', { type: 'item-started', item: message('m2', 2) });
    queueTranscriptEvent('t1', delta('m2', 'Hi '));
    queueTranscriptEvent('t1', delta('m2', 'there'));
    fetch.done((since) => {
      expect(since).toHaveLength(2);
      useConversation.getState().loaded('t1', [], [message('m1', 1, 't1', 'earlier')], since);
    });
    expect(isFetchingTranscript('t1')).toBe(false);
    const transcript = useConversation.getState().byThread.t1;
    expect(transcript?.order).toEqual(['m1', 'm2']);
    expect(transcript?.items.m2).toMatchObject({ text: 'Hi there' });
  });

  it('batches a loaded thread’s events into one store update per frame', () => {
    useConversation.getState().loaded('t1', [], [message('m1', 1)], []);
    let updates = 0;
    const unsubscribe = useConversation.subscribe(() => (updates += 1));
    for (const piece of ['a', 'b', 'c', 'd']) queueTranscriptEvent('t1', delta('m1', piece));
    expect(updates).toBe(0);
    flushTranscriptEvents();
    unsubscribe();
    expect(updates).toBe(1);
    expect(useConversation.getState().byThread.t1?.items.m1).toMatchObject({ text: 'abcd' });
  });

  it('forgets everything on a new connection, including fetches in flight', () => {
    useConversation.getState().loaded('t1', [], [], []);
    const fetch = beginTranscriptFetch('t2');
    resetTranscripts();
    expect(useConversation.getState().byThread).toEqual({});
    expect(isFetchingTranscript('t2')).toBe(false);
    fetch.cancel();
  });
});
