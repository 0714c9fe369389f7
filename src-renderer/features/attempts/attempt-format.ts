import type { Attempt, AttemptGroup, AttemptVariant, CheckResult } from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';
import type { StatusTone } from '../threads/thread-status';
import { backendLabel } from '../threads/backend-labels';

/** Words for the numbers and states of attempts; pure, so the compare view and tests agree. */

export function formatTokens(tokens: number): string {
  if (tokens < 1_000) return `${tokens} tokens`;
  if (tokens < 1_000_000) return `${(tokens / 1_000).toFixed(tokens < 10_000 ? 1 : 0)}k tokens`;
  return `${(tokens / 1_000_000).toFixed(1)}M tokens`;
}

/** Dollars with enough digits that a cheap run does not read as free. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function describeDiff(diff: Attempt['diff']): string {
  if (!diff) return 'not measured yet';
  if (diff.files === 0) return 'no changes';
  return `${diff.files} ${diff.files === 1 ? 'file' : 'files'}, +${diff.additions} −${diff.deletions}`;
}

export function describeCheck(check: CheckResult | null): { label: string; tone: StatusTone } {
  if (!check) return { label: 'Not checked', tone: 'muted' };
  switch (check.status) {
    case 'running':
      return { label: 'Checking', tone: 'busy' };
    case 'passed':
      return { label: 'Check passed', tone: 'ok' };
    case 'failed':
      return {
        label: check.exitCode === null ? 'Check failed' : `Check failed (exit ${check.exitCode})`,
        tone: 'bad',
      };
    case 'timed_out':
      return { label: 'Check timed out', tone: 'bad' };
    case 'error':
      return { label: 'Check could not run', tone: 'bad' };
    default:
      return assertNever(check.status);
  }
}

export function describeOutcome(outcome: Attempt['outcome']): string | null {
  switch (outcome) {
    case 'candidate':
      return null;
    case 'winner':
      return 'Winner';
    case 'discarded':
      return 'Archived';
    default:
      return assertNever(outcome);
  }
}

export function describeGroupStatus(group: AttemptGroup): string {
  switch (group.status) {
    case 'running': {
      const working = group.attempts.filter((a) => isBusy(a)).length;
      return `${working} of ${group.attempts.length} working`;
    }
    case 'ready':
      return 'Ready to compare';
    case 'picked':
      return 'Winner picked';
    default:
      return assertNever(group.status);
  }
}

function isBusy(attempt: Attempt): boolean {
  const status = attempt.thread.status;
  return (
    status === 'working' || status === 'creating' || status === 'setting_up' || status === 'waiting_approval'
  );
}

/** "Built-in · gpt-5" or "Codex" (the thread's default model). */
export function variantLabel(variant: AttemptVariant): string {
  const agent = backendLabel(variant.backend);
  return variant.model ? `${agent} · ${variant.model}` : agent;
}

/** How each attempt is named in the compare view and in accessible names. */
export function attemptName(attempt: Pick<Attempt, 'index'>): string {
  return `Attempt ${attempt.index}`;
}

export type AttemptSort = 'index' | 'check' | 'diff' | 'cost';

export const ATTEMPT_SORT_LABELS: Record<AttemptSort, string> = {
  index: 'Order started',
  check: 'Check result',
  diff: 'Smallest diff',
  cost: 'Cheapest',
};

/** Passing checks first; a run that could not judge sits between passing and failing. */
function checkRank(check: CheckResult | null): number {
  if (!check) return 2;
  switch (check.status) {
    case 'passed':
      return 0;
    case 'running':
      return 1;
    case 'error':
      return 3;
    case 'timed_out':
      return 4;
    case 'failed':
      return 5;
    default:
      return assertNever(check.status);
  }
}

function diffLines(attempt: Attempt): number {
  return attempt.diff ? attempt.diff.additions + attempt.diff.deletions : Number.POSITIVE_INFINITY;
}

/** A sorted copy; ties keep the order the attempts were started in. */
export function sortAttempts(attempts: readonly Attempt[], by: AttemptSort): Attempt[] {
  const key = (attempt: Attempt): number => {
    switch (by) {
      case 'index':
        return attempt.index;
      case 'check':
        return checkRank(attempt.check);
      case 'diff':
        return diffLines(attempt);
      case 'cost':
        return attempt.costUsd ?? Number.POSITIVE_INFINITY;
      default:
        return assertNever(by);
    }
  };
  return [...attempts].sort((a, b) => key(a) - key(b) || a.index - b.index);
}
