import type { Turn } from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';
import { useAsyncAction } from '../../lib/use-async-action';
import { InlineError } from '../../app/ui/modal';
import { useConversation } from './conversation-slice';
import { describeUsage, formatDuration } from './format';
import { continueTurn } from './turn-actions';

function statusWords(turn: Turn): string {
  switch (turn.status) {
    case 'running':
      return 'Working';
    case 'waiting_approval':
      return 'Waiting for approval';
    case 'completed':
      return 'Done';
    case 'interrupted':
      return 'Interrupted';
    case 'failed':
      return 'Failed';
    default:
      return assertNever(turn.status);
  }
}

/** A turn's end: how it ended, its model, tokens and cost; "Continue" for the last one when cut off. */
export function TurnFooter({
  threadId,
  turnId,
  isLast,
}: {
  threadId: string;
  turnId: string;
  isLast: boolean;
}) {
  const turn = useConversation((s) => s.byThread[threadId]?.turns[turnId]);
  const { pending, error, run } = useAsyncAction();
  if (!turn || turn.status === 'running' || turn.status === 'waiting_approval') return null;
  const parts = [statusWords(turn), turn.model];
  if (turn.completedAt !== null) parts.push(formatDuration(turn.completedAt - turn.startedAt));
  parts.push(describeUsage(turn.usage, turn.costUsd));
  const canContinue = isLast && turn.status === 'interrupted';
  return (
    <footer className={`turn-footer turn-${turn.status}`} aria-label={`End of turn ${turn.seq}`}>
      <span className="turn-footer-text">{parts.join(' · ')}</span>
      {turn.error && <span className="turn-error">{turn.error}</span>}
      {canContinue && (
        <button
          type="button"
          className="button small"
          disabled={pending}
          onClick={() => void run(() => continueTurn(threadId))}
        >
          Continue
        </button>
      )}
      <InlineError message={error} />
    </footer>
  );
}
