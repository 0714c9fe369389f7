import { describe, expect, it } from 'vitest';
import { checkEnvironment, createCheckLimiter } from '../../src-main/core/checks';

describe('check environment', () => {
  it('drops provider keys under their names and under any other', () => {
    const env = checkEnvironment(
      {
        PATH: '/usr/bin',
        OPENAI_API_KEY: 'sk-one',
        ANTHROPIC_API_KEY: 'sk-two',
        ALIAS: 'sk-one',
        STORED_COPY: 'sk-stored',
        HOME: '/home/me',
      },
      ['sk-stored'],
    );
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/me' });
  });
});

describe('check limiter', () => {
  it('runs at most two at once, in arrival order', async () => {
    const limiter = createCheckLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((index) =>
      limiter.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return index;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([0, 1]);
    expect(limiter.pending).toBe(4);
    while (releases.length > 0 || started.length < 4) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
    expect(limiter.pending).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = createCheckLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
