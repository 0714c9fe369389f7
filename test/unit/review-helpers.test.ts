import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDebouncer,
  createLineCountCache,
  createPerThreadQueue,
  createWatchIgnore,
  languageOf,
  summaryCommitMessage,
  turnSides,
  type RawChange,
} from '../../src-main/core/review';

describe('languageOf', () => {
  it('maps extensions and a few well-known names to Monaco ids', () => {
    expect(languageOf('src/app.tsx')).toBe('typescript');
    expect(languageOf('README.MD')).toBe('markdown');
    expect(languageOf('tools/build.py')).toBe('python');
    expect(languageOf('main.rs')).toBe('rust');
    expect(languageOf('deploy/Dockerfile')).toBe('dockerfile');
    expect(languageOf('config.yml')).toBe('yaml');
    expect(languageOf('.gitignore')).toBe('plaintext');
    expect(languageOf('LICENSE')).toBe('plaintext');
    expect(languageOf('data.unknownext')).toBe('plaintext');
  });
});

describe('summaryCommitMessage', () => {
  it('names one file, a few, or the first few and a count', () => {
    expect(summaryCommitMessage([{ path: 'src/a.ts', change: 'modified' }])).toBe('Update src/a.ts');
    expect(
      summaryCommitMessage([
        { path: 'src/a.ts', change: 'modified' },
        { path: 'b.ts', change: 'added' },
        { path: 'docs/c.md', change: 'deleted' },
      ]),
    ).toBe('Update 3 files: a.ts, b.ts, c.md');
    expect(
      summaryCommitMessage([
        { path: 'a.ts', change: 'added' },
        { path: 'b.ts', change: 'added' },
      ]),
    ).toBe('Add 2 files: a.ts, b.ts');
    const many = Array.from({ length: 12 }, (_, index) => ({
      path: `f${index}.ts`,
      change: 'deleted' as const,
    }));
    expect(summaryCommitMessage(many)).toBe('Remove 12 files: f0.ts, f1.ts, f2.ts and 9 more');
  });
});

describe('createDebouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after a quiet spell, and at the latest after the maximum wait', () => {
    const action = vi.fn();
    const debouncer = createDebouncer(action, 300, 2_000);
    debouncer.trigger();
    vi.advanceTimersByTime(200);
    debouncer.trigger();
    vi.advanceTimersByTime(299);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(1);

    for (let elapsed = 0; elapsed < 2_000; elapsed += 100) {
      debouncer.trigger();
      vi.advanceTimersByTime(100);
    }
    expect(action).toHaveBeenCalledTimes(2);

    debouncer.trigger();
    debouncer.cancel();
    vi.advanceTimersByTime(5_000);
    expect(action).toHaveBeenCalledTimes(2);
  });
});

describe('createWatchIgnore', () => {
  it('skips .git, node_modules anywhere, listed ignored paths and folders added later', () => {
    const root = '/work/tree';
    const ignore = createWatchIgnore(root, ['build/', 'debug.log']);
    const at = (path: string) => ignore(join(root, path));
    expect(at('.git')).toBe(true);
    expect(at('packages/web/node_modules/react/index.js')).toBe(true);
    expect(at('build/out.js')).toBe(true);
    expect(at('debug.log')).toBe(true);
    expect(at('src/build.ts')).toBe(false);
    expect(ignore(root)).toBe(false);
    expect(ignore('/elsewhere/file')).toBe(false);
    expect(at('dist/a.js')).toBe(false);
    ignore.add('dist');
    expect(at('dist/a.js')).toBe(true);
  });
});

describe('turnSides', () => {
  const turn = { id: 't1', seq: 2, snapshotBefore: 'a'.repeat(40), snapshotAfter: 'b'.repeat(40) };

  it('gives the snapshots around the turn, and says why when there are none', () => {
    expect(turnSides([turn], 't1', 'thread')).toEqual({ from: turn.snapshotBefore, to: turn.snapshotAfter });
    expect(() => turnSides([turn], 'other', 'thread')).toThrow(
      expect.objectContaining({ kind: 'NOT_FOUND' }),
    );
    expect(() => turnSides([{ ...turn, snapshotAfter: null }], 't1', 'thread')).toThrow(
      expect.objectContaining({ kind: 'INVALID_STATE' }),
    );
    expect(() => turnSides([{ ...turn, snapshotBefore: null }], 't1', 'thread')).toThrow(
      /Turn 2 has no snapshots/,
    );
  });
});

describe('createLineCountCache', () => {
  const change = (path: string, newObject: string): RawChange => ({
    path,
    oldPath: null,
    change: 'modified',
    oldMode: '100644',
    newMode: '100644',
    oldObject: 'a'.repeat(40),
    newObject,
    additions: null,
    deletions: null,
    binary: false,
  });
  const counts = { additions: 1, deletions: 2, binary: false };

  it('keys counts by paths and blobs, and drops the least recently used past its capacity', () => {
    const cache = createLineCountCache(2);
    cache.set(change('a.ts', 'b'.repeat(40)), counts);
    cache.set(change('b.ts', 'b'.repeat(40)), counts);
    expect(cache.get(change('a.ts', 'c'.repeat(40)))).toBeUndefined();
    expect(cache.get(change('a.ts', 'b'.repeat(40)))).toEqual(counts);
    cache.set(change('c.ts', 'b'.repeat(40)), counts);
    expect(cache.size).toBe(2);
    expect(cache.get(change('b.ts', 'b'.repeat(40)))).toBeUndefined();
    expect(cache.get(change('a.ts', 'b'.repeat(40)))).toEqual(counts);
  });
});

describe('createPerThreadQueue', () => {
  it('runs one thread’s work in order, other threads beside it, and goes on after a failure', async () => {
    const run = createPerThreadQueue();
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = run('a', async () => {
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push('a1');
      throw new Error('a1 failed');
    });
    const second = run('a', async () => {
      order.push('a2');
      return 'a2';
    });
    const other = run('b', async () => {
      order.push('b1');
      return 'b1';
    });
    await other;
    expect(order).toEqual(['b1']);
    releaseFirst();
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe('a2');
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});
