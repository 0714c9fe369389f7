import type {
  DiffSummary,
  RebaseConflictFile,
  RebaseState,
  ThreadStatus,
} from '../../../src-shared/contract';

/**
 * Words for a rebase as the panel shows it. During a rebase git's "ours" is the branch being
 * rebased onto (the base) and "theirs" is the thread's commit being replayed, so the stage letters
 * read: first letter = base side, second letter = thread side.
 */
const CONFLICT_STATUS_LABELS: Record<string, string> = {
  UU: 'changed on both sides',
  AA: 'added on both sides',
  DD: 'deleted on both sides',
  AU: 'added on the base',
  UA: "added by the thread's change",
  DU: "deleted on the base, changed by the thread's change",
  UD: "changed on the base, deleted by the thread's change",
};

export function conflictStatusLabel(status: string): string {
  return CONFLICT_STATUS_LABELS[status] ?? 'in conflict';
}

/** "Step 2 of 3" when git reports its position, else a plain sentence. */
export function rebaseProgressLabel(state: Pick<RebaseState, 'step' | 'total'>): string {
  if (state.step !== null && state.total !== null && state.total > 0) {
    return `Step ${state.step} of ${state.total}`;
  }
  return 'Replaying commits';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Why "Continue rebase" cannot be pressed yet, or null when it can. */
export function continueBlockedReason(state: Pick<RebaseState, 'conflicts'>): string | null {
  const left = state.conflicts.length;
  if (left === 0) return null;
  return `Resolve ${left === 1 ? 'the conflicted file' : `the ${left} conflicted files`} first (or ask the agent).`;
}

/** The accessible name of a conflicted file's button in the list. */
export function conflictFileLabel(file: RebaseConflictFile): string {
  return `${file.path}, ${conflictStatusLabel(file.status)}${file.binary ? ', binary' : ''}`;
}

/** First characters of a commit id, as git shows them. */
export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 7) : '';
}

const MARKER_START = /^<{7}(?: |$)/;
const MARKER_END = /^>{7}(?: |$)/;

/**
 * Conflict regions left in a text: a `<<<<<<<` line later closed by a `>>>>>>>` line. Used to warn
 * before saving a result that still carries git's markers; a lone marker-like line is not counted.
 */
export function countConflictRegions(text: string): number {
  let regions = 0;
  let open = false;
  for (const line of text.split(/\r?\n/)) {
    if (MARKER_START.test(line)) open = true;
    else if (open && MARKER_END.test(line)) {
      regions += 1;
      open = false;
    }
  }
  return regions;
}

/** Line ranges (1-based, inclusive) of the conflict regions, markers included, for highlighting. */
export function conflictRegionLines(text: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let start: number | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    if (MARKER_START.test(line)) start = index + 1;
    else if (start !== null && MARKER_END.test(line)) {
      regions.push({ start, end: index + 1 });
      start = null;
    }
  });
  return regions;
}

/** Why the thread's worktree should not be rebased or handed over right now, or null. */
export function agentBusyReason(status: ThreadStatus): string | null {
  if (status === 'working') return "Wait for the agent's turn to end.";
  if (status === 'waiting_approval') return 'The agent is waiting for an approval; answer it first.';
  return null;
}

/**
 * Whether the base moved on since the thread's branch left it, from the review's summary of the
 * `base` range (its left side is the merge-base, `base.commit` the base's tip); null when unknown.
 */
export function behindBase(summary: Pick<DiffSummary, 'range' | 'from' | 'base'> | null): boolean | null {
  if (!summary || summary.range.kind !== 'base' || !summary.base) return null;
  return summary.from !== summary.base.commit;
}
