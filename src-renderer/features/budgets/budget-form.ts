import type { BudgetLimit, BudgetStatus } from '../../../src-shared/contract';

/** What the budget fields hold while edited: text, empty meaning "no limit". */
export interface BudgetDraft {
  maxTokens: string;
  maxUsd: string;
}

export const draftOfLimit = (limit: BudgetLimit): BudgetDraft => ({
  maxTokens: limit.maxTokens === null ? '' : String(limit.maxTokens),
  maxUsd: limit.maxUsd === null ? '' : String(limit.maxUsd),
});

/** The limits the fields say, or the sentence that tells what to fix. */
export function limitOfDraft(draft: BudgetDraft): { limit: BudgetLimit } | { error: string } {
  const tokensText = draft.maxTokens.replace(/[,_\s]/g, '');
  const usdText = draft.maxUsd.trim().replace(/^\$/, '');
  let maxTokens: number | null = null;
  let maxUsd: number | null = null;
  if (tokensText !== '') {
    if (!/^\d+$/.test(tokensText) || Number(tokensText) <= 0)
      return { error: 'Tokens must be a whole number above 0, or empty for no token limit.' };
    maxTokens = Number(tokensText);
  }
  if (usdText !== '') {
    const value = Number(usdText);
    if (!Number.isFinite(value) || value <= 0)
      return { error: 'Dollars must be a number above 0 (e.g. 2.50), or empty for no cost limit.' };
    maxUsd = value;
  }
  return { limit: { maxTokens, maxUsd } };
}

const tokens = (count: number): string => count.toLocaleString('en-US');
const usd = (amount: number): string => `$${amount.toFixed(2)}`;

/** "1,234 of 10,000 tokens · $0.42 of $1.00" (spent vs limit; no limit shows what was spent). */
export function spentText(status: BudgetStatus): string {
  const { limit, spent } = status;
  const tokenPart =
    limit.maxTokens === null
      ? `${tokens(spent.tokens)} tokens`
      : `${tokens(spent.tokens)} of ${tokens(limit.maxTokens)} tokens`;
  const usdPart =
    limit.maxUsd === null ? usd(spent.costUsd) : `${usd(spent.costUsd)} of ${usd(limit.maxUsd)}`;
  return `${tokenPart} · ${usdPart}`;
}

/** Whether a thread's status detail is a budget pause (so a reload still shows the badge). */
export const isBudgetPause = (detail: string | null): boolean =>
  detail !== null && detail.startsWith('Paused:') && detail.includes('budget');
