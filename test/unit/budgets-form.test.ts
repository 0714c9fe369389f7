import { describe, expect, it } from 'vitest';
import type { BudgetStatus } from '../../src-shared/contract';
import { isBudgetPause, limitOfDraft, spentText } from '../../src-renderer/features/budgets/budget-form';

const status = (fields: Partial<BudgetStatus>): BudgetStatus => ({
  scope: 'thread',
  projectId: 'p1',
  threadId: 't1',
  limit: { maxTokens: null, maxUsd: null },
  spent: { tokens: 1234, costUsd: 0.4242 },
  reached: false,
  ...fields,
});

describe('budget fields', () => {
  it('reads empty fields as no limit, and accepts separators and a dollar sign', () => {
    expect(limitOfDraft({ maxTokens: '', maxUsd: ' ' })).toEqual({
      limit: { maxTokens: null, maxUsd: null },
    });
    expect(limitOfDraft({ maxTokens: '1,000,000', maxUsd: '$2.50' })).toEqual({
      limit: { maxTokens: 1_000_000, maxUsd: 2.5 },
    });
  });

  it('explains what to fix for values that are not limits', () => {
    expect(limitOfDraft({ maxTokens: '1.5', maxUsd: '' })).toEqual({
      error: 'Tokens must be a whole number above 0, or empty for no token limit.',
    });
    expect(limitOfDraft({ maxTokens: '0', maxUsd: '' })).toHaveProperty('error');
    expect(limitOfDraft({ maxTokens: '', maxUsd: '-1' })).toHaveProperty('error');
    expect(limitOfDraft({ maxTokens: '', maxUsd: 'lots' })).toHaveProperty('error');
  });

  it('shows spent against the limit', () => {
    expect(spentText(status({}))).toBe('1,234 tokens · $0.42');
    expect(spentText(status({ limit: { maxTokens: 10_000, maxUsd: 1 } }))).toBe(
      '1,234 of 10,000 tokens · $0.42 of $1.00',
    );
  });

  it('recognizes a budget pause in a thread status detail', () => {
    expect(
      isBudgetPause(
        'Paused: this thread reached its budget of $1.00 ($1.03 spent). Raise the budget, then continue.',
      ),
    ).toBe(true);
    expect(isBudgetPause('The turn was interrupted.')).toBe(false);
    expect(isBudgetPause(null)).toBe(false);
  });
});
