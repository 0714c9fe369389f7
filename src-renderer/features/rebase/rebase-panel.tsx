import { useState } from 'react';
import type { Thread } from '../../../src-shared/contract';
import { RebaseProgress } from './rebase-progress';
import { StartRebaseDialog } from './rebase-dialogs';
import { needsResolving, rebaseOf, useRebase } from './rebase-slice';
import { reviewOf, useReview } from '../review/review-slice';
import { agentBusyReason, behindBase } from './rebase-labels';
import { useRebaseSession } from './use-rebase-session';
import './rebase.css';

/** What the offer says: the radar's conflict first, then whether the base moved on. */
function offerText(thread: Thread, conflictsWithBase: boolean | null, behind: boolean | null): string {
  if (conflictsWithBase) {
    return `This thread conflicts with ${thread.base}: rebase to resolve it here before merging.`;
  }
  if (behind) return `${thread.base} has moved on since this thread branched off.`;
  return `Bring ${thread.branch} up to date with ${thread.base}.`;
}

/**
 * The offer to rebase. Hidden once the review shows the branch already sits on the base's tip and
 * the radar reports no conflict; shown while either is unknown.
 */
function RebaseOffer({ thread, conflictsWithBase }: { thread: Thread; conflictsWithBase: boolean | null }) {
  const [confirming, setConfirming] = useState(false);
  const behind = useReview((s) => behindBase(reviewOf(s.byThread, thread.id).summary));
  const busy = agentBusyReason(thread.status);
  if (behind === false && !conflictsWithBase && !confirming) return null;
  return (
    <div className={conflictsWithBase ? 'rebase-offer rebase-offer-conflict' : 'rebase-offer'}>
      <span className="rebase-offer-text">{offerText(thread, conflictsWithBase, behind)}</span>
      {busy && <span className="rebase-hint">{busy}</span>}
      <button
        type="button"
        className={conflictsWithBase ? 'button small primary' : 'button small'}
        disabled={busy !== null}
        onClick={() => setConfirming(true)}
      >
        Rebase onto {thread.base}
      </button>
      {confirming && <StartRebaseDialog thread={thread} onClose={() => setConfirming(false)} />}
    </div>
  );
}

/** Rebasing the thread onto its base, at the top of its review: the offer, or the rebase under way. */
export function RebasePanel({ thread }: { thread: Thread }) {
  useRebaseSession(thread);
  const rebase = useRebase((s) => rebaseOf(s.byThread, thread.id));
  if (rebase.statusError) {
    return (
      <p className="rebase-error" role="alert">
        {rebase.statusError}
      </p>
    );
  }
  if (!rebase.state) return null;
  if (needsResolving(rebase.state))
    return <RebaseProgress thread={thread} rebase={rebase} state={rebase.state} />;
  return <RebaseOffer thread={thread} conflictsWithBase={rebase.conflictsWithBase} />;
}
