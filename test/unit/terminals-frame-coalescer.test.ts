import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_INTERVAL_MS } from '../../src-main/core/terminals';
import { FLOOD_FRAME_CHARS, FLOOD_FRAME_INTERVAL_MS } from '../../src-main/core/terminals/constants';
import { FrameCoalescer } from '../../src-main/core/terminals/frame-coalescer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('FrameCoalescer', () => {
  it('sends the first chunk on a quiet line at once, then joins what follows into one frame per destination', () => {
    const sent: [string, string][] = [];
    const frames = new FrameCoalescer((destination, frame) => sent.push([destination, frame]));
    frames.push('a', 'echo');
    // A keystroke's echo does not wait for the timer, for any client attached.
    frames.push('b', 'echo');
    expect(sent).toEqual([
      ['a', 'echo'],
      ['b', 'echo'],
    ]);
    for (let i = 0; i < 100; i += 1) frames.push('a', `${i},`);
    frames.push('b', 'only');
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS - 1);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(4);
    expect(sent[2]).toEqual(['a', Array.from({ length: 100 }, (_, i) => `${i},`).join('')]);
    expect(sent[3]).toEqual(['b', 'only']);
    // Output that keeps coming stays in frames: the next chunk waits for the following interval.
    frames.push('a', 'more');
    expect(sent).toHaveLength(4);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent[4]).toEqual(['a', 'more']);
  });

  it('goes quiet again after an interval without output, and sends nothing when idle', () => {
    const sent: string[] = [];
    const frames = new FrameCoalescer((_d, frame) => sent.push(frame));
    frames.push('a', 'one');
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS * 10);
    expect(vi.getTimerCount()).toBe(0);
    frames.push('a', 'two');
    frames.push('a', '');
    vi.advanceTimersByTime(FRAME_INTERVAL_MS * 3);
    expect(sent).toEqual(['one', 'two']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flushes on demand, drops a removed destination and counts pending chars', () => {
    const sent: [string, string][] = [];
    const frames = new FrameCoalescer((destination, frame) => sent.push([destination, frame]));
    frames.push('a', 'first');
    frames.push('a', 'xyz');
    frames.push('b', 'b-first');
    frames.push('b', 'gone');
    expect(frames.pendingChars('a')).toBe(3);
    expect(frames.pendingChars('b')).toBe(4);
    frames.remove('b');
    frames.flush();
    expect(sent).toEqual([
      ['a', 'first'],
      ['b', 'b-first'],
      ['a', 'xyz'],
    ]);
    expect(frames.pendingChars('a')).toBe(0);
    frames.push('a', 'later');
    frames.dispose();
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toHaveLength(3);
  });

  it('sends a flood in longer intervals and goes back to short ones when output calms down', () => {
    const sent: string[] = [];
    const frames = new FrameCoalescer((_d, frame) => sent.push(frame));
    const big = 'f'.repeat(FLOOD_FRAME_CHARS);
    frames.push('a', 'start');
    frames.push('a', big);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toEqual(['start', big]);
    // That frame was a flood's: the next one waits the longer interval.
    frames.push('a', big);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(FLOOD_FRAME_INTERVAL_MS - FRAME_INTERVAL_MS);
    expect(sent).toHaveLength(3);
    // A small frame after it: back to the short interval.
    frames.push('a', 'small');
    vi.advanceTimersByTime(FLOOD_FRAME_INTERVAL_MS);
    expect(sent).toHaveLength(4);
    frames.push('a', 'next');
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toEqual(['start', big, big, 'small', 'next']);
  });
});
