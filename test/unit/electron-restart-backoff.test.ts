import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_BACKOFF, nextRestartDelay } from '../../src-main/electron/restart-backoff';

describe('host restart backoff', () => {
  it('starts at 0.5 s, doubles while the host keeps dying, and caps at 10 s', () => {
    const delays: number[] = [];
    let delay = 0;
    for (let i = 0; i < 8; i++) {
      delay = nextRestartDelay(delay, 1_000, DEFAULT_RESTART_BACKOFF);
      delays.push(delay);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('forgives a host that stayed up for a minute', () => {
    expect(nextRestartDelay(10_000, 59_999, DEFAULT_RESTART_BACKOFF)).toBe(10_000);
    expect(nextRestartDelay(10_000, 60_000, DEFAULT_RESTART_BACKOFF)).toBe(500);
  });
});
