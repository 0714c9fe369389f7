import { describe, expect, it } from 'vitest';
import { oneAtATimePerKey } from '../../src-main/core/one-at-a-time';

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('oneAtATimePerKey', () => {
  it('starts work of a key after the earlier work of that key settled, failed or not, and other keys at once', async () => {
    const oneAtATime = oneAtATimePerKey();
    const started: string[] = [];
    const first = gate();
    const a1 = oneAtATime('a', async () => {
      started.push('a1');
      await first.opened;
      throw new Error('a1 failed');
    });
    const a2 = oneAtATime('a', async () => {
      started.push('a2');
      return 'a2 done';
    });
    const b1 = oneAtATime('b', async () => {
      started.push('b1');
      return 'b1 done';
    });
    await expect(b1).resolves.toBe('b1 done');
    expect(started).toEqual(['a1', 'b1']);
    first.open();
    await expect(a1).rejects.toThrow('a1 failed');
    await expect(a2).resolves.toBe('a2 done');
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });
});
