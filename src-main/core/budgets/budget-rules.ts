import type { BudgetLimit, BudgetScope, BudgetSpent } from '../../../src-shared/contract';

/** No budget of either kind. */
export const NO_LIMIT: BudgetLimit = { maxTokens: null, maxUsd: null };

export const hasLimit = (limit: BudgetLimit): boolean => limit.maxTokens !== null || limit.maxUsd !== null;

/** Which limit is met or passed: dollars first (what people budget for), then tokens; null when neither. */
export function reachedLimit(limit: BudgetLimit, spent: BudgetSpent): 'usd' | 'tokens' | null {
  if (limit.maxUsd !== null && spent.costUsd >= limit.maxUsd) return 'usd';
  if (limit.maxTokens !== null && spent.tokens >= limit.maxTokens) return 'tokens';
  return null;
}

export const formatUsd = (amount: number): string => `$${amount.toFixed(2)}`;
export const formatTokens = (count: number): string => `${count.toLocaleString('en-US')} tokens`;

/** "$1.00 ($1.03 spent)" or "1,000 tokens (1,234 spent)". */
function limitAndSpent(limit: BudgetLimit, spent: BudgetSpent, which: 'usd' | 'tokens'): string {
  return which === 'usd'
    ? `${formatUsd(limit.maxUsd ?? 0)} (${formatUsd(spent.costUsd)} spent)`
    : `${formatTokens(limit.maxTokens ?? 0)} (${spent.tokens.toLocaleString('en-US')} spent)`;
}

function whose(scope: BudgetScope, projectName: string): string {
  return scope === 'thread' ? 'this thread' : `the project "${projectName}"`;
}

/** The words of a pause, as the turn's error and the thread's status say them. */
export function pauseMessage(
  scope: BudgetScope,
  projectName: string,
  limit: BudgetLimit,
  spent: BudgetSpent,
): string {
  const which = reachedLimit(limit, spent) ?? (limit.maxUsd !== null ? 'usd' : 'tokens');
  return `Paused: ${whose(scope, projectName)} reached its budget of ${limitAndSpent(limit, spent, which)}. Raise the budget, then continue.`;
}

/** Why a turn may not start or continue while the budget stays reached. */
export function refusalMessage(
  scope: BudgetScope,
  projectName: string,
  limit: BudgetLimit,
  spent: BudgetSpent,
): string {
  const which = reachedLimit(limit, spent) ?? (limit.maxUsd !== null ? 'usd' : 'tokens');
  return `${scope === 'thread' ? 'This thread' : `The project "${projectName}"`} is over its budget of ${limitAndSpent(limit, spent, which)}. Raise the budget, then continue.`;
}
