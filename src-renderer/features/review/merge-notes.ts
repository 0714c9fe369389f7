import type { MergePreview, MergeStrategy } from '../../../src-shared/contract';
import { plural } from './review-format';

export interface MergeNote {
  tone: 'ok' | 'warn' | 'bad';
  text: string;
}

export const STRATEGY_LABELS: Record<MergeStrategy, { label: string; hint: string }> = {
  merge: { label: 'Merge commit', hint: 'Keeps every commit and adds a merge commit on the base.' },
  squash: { label: 'Squash', hint: 'One new commit on the base with all of the thread’s changes.' },
  rebase: { label: 'Rebase', hint: 'Replays the thread’s commits on the base, then fast-forwards it.' },
};

/** What the merge would do, in sentences, worst first; and whether trying makes sense at all. */
export function mergeNotes(preview: MergePreview): { notes: MergeNote[]; canMerge: boolean } {
  const notes: MergeNote[] = [];
  if (preview.conflicts.length > 0) {
    notes.push({
      tone: 'bad',
      text: `${plural(preview.conflicts.length, 'file')} would conflict: ${preview.conflicts.join(', ')}. Nothing will change until they are resolved in the thread.`,
    });
  }
  if (preview.checkout && !preview.checkout.clean) {
    notes.push({
      tone: 'bad',
      text: `${preview.base} is checked out at ${preview.checkout.path} with uncommitted changes; commit or stash them there first, or the merge will stop without changing anything.`,
    });
  }
  if (preview.uncommitted) {
    notes.push({
      tone: 'warn',
      text: 'The thread has uncommitted changes; they are not part of the merge. Commit them first to include them.',
    });
  }
  if (preview.alreadyMerged) {
    notes.push({ tone: 'ok', text: `Everything on this branch is already in ${preview.base}.` });
  } else if (preview.commits === 0) {
    notes.push({
      tone: 'warn',
      text: 'The branch has no commits that the base lacks; there is nothing to merge.',
    });
  } else {
    notes.push({
      tone: 'ok',
      text: `${plural(preview.commits, 'commit')} ahead of ${preview.base}${preview.fastForward ? '; the base can fast-forward' : ''}.`,
    });
  }
  if (preview.checkout?.clean) {
    notes.push({
      tone: 'ok',
      text: `${preview.base} is checked out at ${preview.checkout.path}; that checkout is clean and will be updated too.`,
    });
  }
  const canMerge = preview.conflicts.length === 0 && preview.commits > 0 && !preview.alreadyMerged;
  return { notes, canMerge };
}
