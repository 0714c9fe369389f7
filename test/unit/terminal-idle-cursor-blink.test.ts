import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CURSOR_BLINK_IDLE_MS,
  IdleCursorBlink,
} from '../../src-renderer/features/terminal/idle-cursor-blink';

describe('IdleCursorBlink', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('blinks from a key until the user has been idle for the whole wait, then stops', () => {
    const changes: boolean[] = [];
    const blink = new IdleCursorBlink((on) => changes.push(on));
    blink.activity();
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(CURSOR_BLINK_IDLE_MS - 1);
    // Keys while blinking restart the wait without telling xterm again (each change redraws a row).
    blink.activity();
    blink.activity();
    vi.advanceTimersByTime(CURSOR_BLINK_IDLE_MS - 1);
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true, false]);
    // The next key or focus brings the blink back.
    blink.activity();
    expect(changes).toEqual([true, false, true]);
  });

  it('changes nothing after it is disposed', () => {
    const changes: boolean[] = [];
    const blink = new IdleCursorBlink((on) => changes.push(on));
    blink.activity();
    blink.dispose();
    vi.advanceTimersByTime(2 * CURSOR_BLINK_IDLE_MS);
    blink.activity();
    expect(changes).toEqual([true]);
  });
});
