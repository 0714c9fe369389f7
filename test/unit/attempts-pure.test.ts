import { describe, expect, it } from 'vitest';
import type { Thread, Turn } from '../../src-shared/contract';
import {
  attemptTitle,
  groupStatus,
  joinHunks,
  splitFilePatch,
  usageOf,
  variantSettings,
} from '../../src-main/core/attempts';

describe('attempt titles', () => {
  it('reads well side by side', () => {
    expect(attemptTitle('Fix login', 2, 3, { backend: 'codex', model: 'gpt-5' })).toBe(
      'Fix login · 2/3 · Codex gpt-5',
    );
    expect(
      attemptTitle('Fix login', 1, 3, { backend: 'builtin', provider: 'anthropic', model: 'claude-x' }),
    ).toBe('Fix login · 1/3 · Built-in anthropic claude-x');
    expect(attemptTitle('Fix login', 3, 3, { backend: 'claude' })).toBe('Fix login · 3/3 · Claude Code');
  });

  it('shortens the task, never the part that tells attempts apart', () => {
    const title = attemptTitle('x'.repeat(300), 8, 8, { backend: 'codex', model: 'gpt-5' });
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('… · 8/8 · Codex gpt-5')).toBe(true);
  });
});

describe('variant settings', () => {
  it('puts the model where each backend reads it', () => {
    expect(variantSettings({ backend: 'builtin', provider: 'openai', model: 'm' })).toEqual({
      provider: 'openai',
      model: 'm',
    });
    expect(variantSettings({ backend: 'codex', model: 'm' })).toEqual({ codexModel: 'm' });
    expect(variantSettings({ backend: 'claude', model: 'm' })).toEqual({ claudeModel: 'm' });
    expect(variantSettings({ backend: 'claude' })).toEqual({});
  });
});

const PATCH = [
  'diff --git a/a.txt b/a.txt',
  'index 1111111..2222222 100644',
  '--- a/a.txt',
  '+++ b/a.txt',
  '@@ -1,2 +1,2 @@',
  '-one',
  '+ONE',
  ' two',
  '@@ -9,2 +9,2 @@ eight',
  ' nine',
  '-ten',
  '+TEN',
  '',
].join('\n');

describe('file patches', () => {
  it('splits a patch into its header and hunks and joins chosen ones back', () => {
    const split = splitFilePatch(PATCH);
    expect(split.header).toHaveLength(4);
    expect(split.hunks.map((hunk) => hunk[0])).toEqual(['@@ -1,2 +1,2 @@', '@@ -9,2 +9,2 @@ eight']);
    expect(split.binary).toBe(false);
    expect(joinHunks(split, [0, 1])).toBe(PATCH);
    const second = joinHunks(split, [1, 1]);
    expect(second).toContain('+TEN');
    expect(second).not.toContain('+ONE');
    expect(second.startsWith('diff --git a/a.txt b/a.txt\n')).toBe(true);
  });

  it('knows a binary file has no hunks', () => {
    const split = splitFilePatch('diff --git a/x.png b/x.png\nBinary files a/x.png and b/x.png differ\n');
    expect(split).toMatchObject({ binary: true, hunks: [] });
  });
});

function turn(input: number, output: number, costUsd: number | null): Turn {
  return {
    usage: { inputTokens: input, outputTokens: output, cachedTokens: 0, reasoningTokens: 0 },
    costUsd,
  } as Turn;
}

describe('usage and status', () => {
  it('sums tokens and cost, and knows no cost when a price is unknown', () => {
    expect(usageOf([])).toEqual({ tokens: 0, costUsd: 0 });
    expect(usageOf([turn(100, 10, 0.5), turn(50, 5, 0.25)])).toEqual({ tokens: 165, costUsd: 0.75 });
    expect(usageOf([turn(100, 10, 0.5), turn(50, 5, null)])).toEqual({ tokens: 165, costUsd: null });
    // A turn that failed before the model answered costs nothing, known or not.
    expect(usageOf([turn(100, 10, 0.5), turn(0, 0, null)])).toEqual({ tokens: 110, costUsd: 0.5 });
  });

  it('is running while any attempt works or waits to start, picked once a winner is chosen', () => {
    const attempt = (id: string, status: Thread['status'], error: string | null = null) => ({
      thread: { id, status } as Thread,
      error,
    });
    const none = new Set<string>();
    expect(groupStatus({ winnerThreadId: null }, [attempt('a', 'done'), attempt('b', 'working')], none)).toBe(
      'running',
    );
    expect(groupStatus({ winnerThreadId: null }, [attempt('a', 'done'), attempt('b', 'error')], none)).toBe(
      'ready',
    );
    expect(groupStatus({ winnerThreadId: null }, [attempt('a', 'ready')], new Set(['a']))).toBe('running');
    expect(groupStatus({ winnerThreadId: null }, [attempt('a', 'ready', 'failed')], new Set(['a']))).toBe(
      'ready',
    );
    expect(groupStatus({ winnerThreadId: 'a' }, [attempt('a', 'working')], none)).toBe('picked');
  });
});
