import { describe, expect, it } from 'vitest';
import { createWorkerWaits } from '../../src-main/core/managers/worker-waits';

describe('worker waits', () => {
  it('answers at once when the condition already holds', async () => {
    const waits = createWorkerWaits();
    await expect(waits.wait('m', () => true, 10_000, undefined)).resolves.toBe('ready');
    expect(waits.count()).toBe(0);
  });

  it("wakes on a change of the manager's workers, not another manager's", async () => {
    const waits = createWorkerWaits();
    let done = false;
    const waiting = waits.wait('m', () => done, 10_000, undefined);
    done = true;
    waits.changed('other');
    expect(waits.count()).toBe(1);
    waits.changed('m');
    await expect(waiting).resolves.toBe('ready');
    expect(waits.count()).toBe(0);
  });

  it('ends at its timeout', async () => {
    const waits = createWorkerWaits();
    await expect(waits.wait('m', () => false, 20, undefined)).resolves.toBe('timed_out');
    expect(waits.count()).toBe(0);
  });

  it('ends at once when the turn is interrupted, or the host stops', async () => {
    const waits = createWorkerWaits();
    const abort = new AbortController();
    const waiting = waits.wait('m', () => false, 10_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBe('interrupted');
    const aborted = new AbortController();
    aborted.abort();
    await expect(waits.wait('m', () => true, 10_000, aborted.signal)).resolves.toBe('interrupted');
    const disposed = waits.wait('m', () => false, 10_000, undefined);
    waits.dispose();
    await expect(disposed).resolves.toBe('interrupted');
    expect(waits.count()).toBe(0);
  });
});
