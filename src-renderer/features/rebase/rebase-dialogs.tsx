import type { RebaseState, Thread } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { useAsyncAction } from '../../lib/use-async-action';
import { abortRebase, startRebase } from './rebase-actions';
import { shortCommit } from './rebase-labels';

interface DialogProps {
  thread: Thread;
  onClose: () => void;
}

/** The confirm step before a rebase: what moves, and that uncommitted work is kept. */
export function StartRebaseDialog({ thread, onClose }: DialogProps) {
  const starting = useAsyncAction();
  const start = async () => {
    if (await starting.run(() => startRebase(thread))) onClose();
  };
  return (
    <Modal title={`Rebase onto ${thread.base}`} onClose={onClose}>
      <p>
        Replays this thread&apos;s commits on <strong>{thread.branch}</strong> on top of{' '}
        <strong>{thread.base}</strong> as it is now, in the thread&apos;s worktree.
      </p>
      <p>
        Uncommitted work is kept: it is saved to the trash first, set aside while the commits are replayed
        (git&apos;s autostash) and put back at the end.
      </p>
      <p>
        If a commit conflicts, the rebase stops so you can resolve the files here or hand them to the agent.
        Aborting returns everything to where it was.
      </p>
      <InlineError message={starting.error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={starting.pending}
          onClick={() => void start()}
        >
          {starting.pending ? 'Rebasing…' : 'Start rebase'}
        </button>
      </ModalActions>
    </Modal>
  );
}

/** The confirm step before aborting: everything goes back, edits made while resolving are dropped. */
export function AbortRebaseDialog({ thread, state, onClose }: DialogProps & { state: RebaseState }) {
  const aborting = useAsyncAction();
  const abort = async () => {
    if (await aborting.run(() => abortRebase(thread))) onClose();
  };
  const head = shortCommit(state.origHead);
  return (
    <Modal title="Abort the rebase" onClose={onClose}>
      <p>
        Everything returns to where it was before the rebase: <strong>{thread.branch}</strong> goes back
        {head ? ` to ${head}` : ''}, the worktree&apos;s files as they were, and uncommitted work set aside
        for the rebase comes back.
      </p>
      <p>Resolutions made so far in this rebase are dropped.</p>
      <InlineError message={aborting.error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Keep rebasing
        </button>
        <button
          type="button"
          className="button danger"
          disabled={aborting.pending}
          onClick={() => void abort()}
        >
          {aborting.pending ? 'Aborting…' : 'Abort rebase'}
        </button>
      </ModalActions>
    </Modal>
  );
}
