import type { Attempt, AttemptGroup } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useThreads } from '../threads/threads-slice';
import { attemptName } from './attempt-format';
import { useAttempts } from './attempts-slice';

/** Confirms the pick: the winner stays, every other attempt is archived (recoverably). */
export function PickWinnerDialog({
  group,
  attempt,
  onClose,
}: {
  group: AttemptGroup;
  attempt: Attempt;
  onClose: () => void;
}) {
  const { pending, error, run } = useAsyncAction();
  const others = group.attempts.filter((a) => a.thread.id !== attempt.thread.id && a.outcome !== 'discarded');

  const pick = async () => {
    const result = await run(() =>
      requireClient().api.attempt.pick({ groupId: group.id, threadId: attempt.thread.id }),
    );
    if (!result) return;
    useAttempts.getState().upsert(result.group);
    for (const a of result.group.attempts) useThreads.getState().upsert(a.thread);
    onClose();
  };

  return (
    <Modal title={`Pick ${attemptName(attempt)} as winner`} onClose={onClose}>
      <p>
        Keep <strong>{attempt.thread.title}</strong> ({attemptName(attempt)}) as the result of “{group.title}
        ”?
      </p>
      {others.length > 0 && (
        <p>
          The other {others.length === 1 ? 'attempt' : `${others.length} attempts`} (
          {others.map((a) => attemptName(a)).join(', ')}) will be archived. Their branches and work are kept:
          restore any of them from the repository&apos;s archived threads.
        </p>
      )}
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={pending}
          autoFocus
          onClick={() => void pick()}
        >
          {pending ? 'Picking…' : 'Pick and archive the others'}
        </button>
      </ModalActions>
    </Modal>
  );
}
