import {
  FLOW_CONTROL_HIGH_WATERMARK_CHARS,
  FLOW_CONTROL_LOW_WATERMARK_CHARS,
} from '../../src-main/core/terminals/constants';
import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../src-main/core/terminals/flow-control';

function recorder() {
  const calls: boolean[] = [];
  return { calls, flow: new FlowControl((paused) => calls.push(paused), { high: 100, low: 10 }) };
}

describe('FlowControl', () => {
  it('pauses once a party passes the high watermark and resumes when all are under the low one', () => {
    const { calls, flow } = recorder();
    flow.track('a');
    flow.track('b');
    flow.sent('a', 100);
    expect(calls).toEqual([]);
    flow.sent('a', 1);
    expect(calls).toEqual([true]);
    flow.sent('a', 50);
    flow.sent('b', 60);
    expect(calls).toEqual([true]);
    flow.acked('a', 200);
    expect(flow.isPaused).toBe(true);
    flow.acked('b', 50);
    expect(flow.isPaused).toBe(true);
    flow.acked('b', 1);
    expect(calls).toEqual([true, false]);
    expect(flow.snapshot()).toEqual({ paused: false, unacked: { a: 0, b: 9 }, pauseCount: 1 });
  });

  it('needs every party under the low watermark, strictly', () => {
    const { calls, flow } = recorder();
    flow.track('a');
    flow.sent('a', 200);
    flow.acked('a', 190);
    expect(flow.isPaused).toBe(true);
    flow.acked('a', 1);
    expect(calls).toEqual([true, false]);
  });

  it('lets a party that leaves stop holding the source back', () => {
    const { calls, flow } = recorder();
    flow.track('slow');
    flow.track('fast');
    flow.sent('slow', 500);
    flow.sent('fast', 5);
    flow.drop('slow');
    expect(calls).toEqual([true, false]);
    expect(flow.snapshot().unacked).toEqual({ fast: 5 });
  });

  it('ignores parties it does not track and acks beyond what was sent', () => {
    const { calls, flow } = recorder();
    flow.sent('ghost', 1_000);
    flow.acked('ghost', 5);
    expect(calls).toEqual([]);
    flow.track('a');
    flow.acked('a', 50);
    expect(flow.snapshot().unacked).toEqual({ a: 0 });
  });

  it('re-tracking a party starts it from zero', () => {
    const { calls, flow } = recorder();
    flow.track('a');
    flow.sent('a', 500);
    flow.track('a');
    expect(calls).toEqual([true, false]);
    expect(flow.snapshot()).toMatchObject({ unacked: { a: 0 }, pauseCount: 1 });
  });

  it('pauses at the high watermark and resumes at the low one by default', () => {
    const calls: boolean[] = [];
    const flow = new FlowControl((paused) => calls.push(paused));
    flow.track('a');
    flow.sent('a', FLOW_CONTROL_HIGH_WATERMARK_CHARS);
    expect(calls).toEqual([]);
    flow.sent('a', 1);
    expect(calls).toEqual([true]);
    // Resumes once the client is back under the low watermark, not only when it is fully caught up.
    flow.acked('a', FLOW_CONTROL_HIGH_WATERMARK_CHARS - FLOW_CONTROL_LOW_WATERMARK_CHARS);
    expect(calls).toEqual([true]);
    flow.acked('a', 2);
    expect(calls).toEqual([true, false]);
    expect(FLOW_CONTROL_LOW_WATERMARK_CHARS).toBeGreaterThan(0);
  });
});
