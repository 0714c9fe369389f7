import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecEvent } from '../../src-main/host/commands/exec-events';
import { applyDelta, ExecItemEvents } from '../../src-main/host/commands/exec-items';
import type { Item } from '../../src-shared/contract';

const message: Item = {
  id: 'm1',
  threadId: 't',
  turnId: 'u',
  seq: 1,
  status: 'in_progress',
  startedAt: 0,
  completedAt: null,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
  kind: 'agent_message',
  text: '',
};

const delta = (text: string, itemId = 'm1') =>
  ({ threadId: 't', turnId: 'u', itemId, stream: 'text', delta: text }) as const;

describe('exec item events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function recorder(intervalMs = 100) {
    const events: ExecEvent[] = [];
    const items = new ExecItemEvents(
      (event) => events.push(event),
      intervalMs,
      () => Date.now(),
    );
    const texts = () =>
      events.map((event) =>
        'item' in event && 'text' in event.item ? `${event.type}:${event.item.text}` : event.type,
      );
    return { events, items, texts };
  }

  it('sends the first change at once and then at most one update per interval, with the whole text so far', () => {
    const { items, texts } = recorder();
    items.started(message);
    items.delta(delta('a'));
    items.delta(delta('b'));
    items.delta(delta('c'));
    expect(texts()).toEqual(['item.started:', 'item.updated:a']);
    vi.advanceTimersByTime(100);
    expect(texts()).toEqual(['item.started:', 'item.updated:a', 'item.updated:abc']);
    vi.advanceTimersByTime(500);
    expect(texts()).toHaveLength(3);
  });

  it('drops a pending update when the item completes first', () => {
    const { items, texts } = recorder();
    items.started(message);
    items.delta(delta('a'));
    items.delta(delta('b'));
    items.completed({ ...message, status: 'completed', text: 'ab' });
    vi.advanceTimersByTime(1_000);
    expect(texts()).toEqual(['item.started:', 'item.updated:a', 'item.completed:ab']);
  });

  it('ignores deltas of unknown items and empty deltas, and skips items exec does not report', () => {
    const { items, events } = recorder();
    items.delta(delta('x', 'other'));
    items.started({ ...message, id: 'u1', kind: 'user_message', text: 'hi', steer: false });
    items.started(message);
    items.delta(delta(''));
    expect(events.map((event) => event.type)).toEqual(['item.started']);
    items.dispose();
    vi.advanceTimersByTime(1_000);
    expect(events).toHaveLength(1);
  });

  it('appends a stream only to the field of its kind', () => {
    expect(applyDelta(message, delta('x'))).toMatchObject({ text: 'x' });
    expect(applyDelta(message, { ...delta('x'), stream: 'output' })).toBe(message);
  });
});
