import { describe, expect, it } from 'vitest';
import { pauseMessage, reachedLimit, refusalMessage } from '../../src-main/core/budgets';

describe('budget rules', () => {
  it('reaches a limit when spent meets or passes it, dollars before tokens', () => {
    expect(reachedLimit({ maxTokens: null, maxUsd: null }, { tokens: 10 ** 9, costUsd: 10 ** 6 })).toBeNull();
    expect(reachedLimit({ maxTokens: 100, maxUsd: null }, { tokens: 99, costUsd: 0 })).toBeNull();
    expect(reachedLimit({ maxTokens: 100, maxUsd: null }, { tokens: 100, costUsd: 0 })).toBe('tokens');
    expect(reachedLimit({ maxTokens: 100, maxUsd: 1 }, { tokens: 500, costUsd: 1.5 })).toBe('usd');
    expect(reachedLimit({ maxTokens: 100, maxUsd: 1 }, { tokens: 500, costUsd: 0.5 })).toBe('tokens');
  });

  it('words the pause and the refusal for a thread and a project', () => {
    expect(pauseMessage('thread', 'demo', { maxTokens: null, maxUsd: 1 }, { tokens: 5, costUsd: 1.03 })).toBe(
      'Paused: this thread reached its budget of $1.00 ($1.03 spent). Raise the budget, then continue.',
    );
    expect(
      pauseMessage('project', 'demo', { maxTokens: 1000, maxUsd: 5 }, { tokens: 1234, costUsd: 0.2 }),
    ).toBe(
      'Paused: the project "demo" reached its budget of 1,000 tokens (1,234 spent). Raise the budget, then continue.',
    );
    expect(
      refusalMessage('thread', 'demo', { maxTokens: 10, maxUsd: null }, { tokens: 12, costUsd: 0 }),
    ).toBe('This thread is over its budget of 10 tokens (12 spent). Raise the budget, then continue.');
  });
});
