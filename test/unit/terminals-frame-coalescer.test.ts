import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_INTERVAL_MS } from '../../src-main/core/terminals';
import { FrameCoalescer } from '../../src-main/core/terminals/frame-coalescer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('FrameCoalescer', () => {
  it('joins chunks pushed within one interval into one frame per destination', () => {
    const sent: [string, string][] = [];
    const frames = new FrameCoalescer((destination, frame) => sent.push([destination, frame]));
    for (let i = 0; i < 100; i += 1) frames.push('a', `${i},`);
    frames.push('b', 'only');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual(['a', Array.from({ length: 100 }, (_, i) => `${i},`).join('')]);
    expect(sent[1]).toEqual(['b', 'only']);
  });

  it('starts a new frame after a flush and sends nothing when idle', () => {
    const sent: string[] = [];
    const frames = new FrameCoalescer((_d, frame) => sent.push(frame));
    frames.push('a', 'one');
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS * 10);
    frames.push('a', 'two');
    frames.push('a', '');
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toEqual(['one', 'two']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flushes on demand, drops a removed destination and counts pending chars', () => {
    const sent: [string, string][] = [];
    const frames = new FrameCoalescer((destination, frame) => sent.push([destination, frame]));
    frames.push('a', 'xyz');
    frames.push('b', 'gone');
    expect(frames.pendingChars('a')).toBe(3);
    frames.remove('b');
    frames.flush();
    expect(sent).toEqual([['a', 'xyz']]);
    expect(frames.pendingChars('a')).toBe(0);
    frames.push('a', 'later');
    frames.dispose();
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(sent).toHaveLength(1);
  });
});
