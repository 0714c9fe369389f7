import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ACK_BATCH_CHARS, ACK_FLUSH_MS, AckBatcher } from '../../src-renderer/features/terminal/ack-batcher';

describe('terminal ack batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('small writes are acked together after the flush delay', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher((chars) => sent.push(chars));
    batcher.add(10);
    batcher.add(20);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(ACK_FLUSH_MS);
    expect(sent).toEqual([30]);
    vi.advanceTimersByTime(ACK_FLUSH_MS * 4);
    expect(sent).toEqual([30]);
  });

  test('a full batch is acked at once, without waiting', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher((chars) => sent.push(chars));
    batcher.add(ACK_BATCH_CHARS - 1);
    batcher.add(2);
    expect(sent).toEqual([ACK_BATCH_CHARS + 1]);
  });

  test('nothing is sent after dispose', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher((chars) => sent.push(chars));
    batcher.add(5);
    batcher.dispose();
    vi.advanceTimersByTime(ACK_FLUSH_MS * 2);
    batcher.add(ACK_BATCH_CHARS);
    expect(sent).toEqual([]);
  });
});
