import { useState } from 'react';
import { RpcError } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useNotices } from '../notices/notices-slice';
import { useThreads } from './threads-slice';

/** Failures that mean "there is work here"; the host keeps that work in Recover when forced. */
const KEEPABLE_KINDS = new Set(['WORKTREE_DIRTY', 'UNMERGED_COMMITS']);

export function DeleteThreadDialog({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const thread = useThreads((s) => s.byId[threadId]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [canForce, setCanForce] = useState(false);

  const remove = async (force: boolean) => {
    setPending(true);
    setError(null);
    try {
      const { trash } = await requireClient().api.thread.delete({ threadId, ...(force ? { force } : {}) });
      useThreads.getState().remove(threadId);
      if (trash.length > 0) {
        useNotices
          .getState()
          .pushToast(
            'info',
            `Deleted "${thread?.title ?? 'thread'}". Its unsaved work is kept under Recover.`,
          );
      }
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setCanForce(caught instanceof RpcError && KEEPABLE_KINDS.has(caught.kind));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal title="Delete thread" onClose={onClose}>
      <p>
        Delete <strong>{thread?.title ?? 'this thread'}</strong>? Its worktree, terminals and branch{' '}
        <code>{thread?.branch}</code> are removed.
      </p>
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        {canForce ? (
          <button
            type="button"
            className="button danger"
            disabled={pending}
            onClick={() => void remove(true)}
          >
            Delete anyway (work is kept in Recover)
          </button>
        ) : (
          <button
            type="button"
            className="button danger"
            disabled={pending}
            onClick={() => void remove(false)}
            autoFocus
          >
            Delete
          </button>
        )}
      </ModalActions>
    </Modal>
  );
}
