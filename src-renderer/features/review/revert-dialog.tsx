import type { DiffHunk } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { useAsyncAction } from '../../lib/use-async-action';
import { requireClient } from '../../lib/session';
import { useNotices } from '../notices/notices-slice';
import { hunkLines } from './hunk-overlay';

export type RevertTarget = { kind: 'file' } | { kind: 'hunk'; hunk: DiffHunk };

interface RevertDialogProps {
  threadId: string;
  path: string;
  /** The snapshot the hunk was computed against; the host refuses if the file moved on since. */
  to: string;
  target: RevertTarget;
  onDone: () => void;
  onClose: () => void;
}

/** Asks before putting a file or a hunk back as it is in the base; the work replaced goes to the trash. */
export function RevertDialog({ threadId, path, to, target, onDone, onClose }: RevertDialogProps) {
  const { pending, error, run } = useAsyncAction();
  const what = target.kind === 'file' ? path : `the hunk at ${hunkLines(target.hunk)} of ${path}`;
  const revert = async () => {
    const client = requireClient();
    const result = await run(() =>
      target.kind === 'file'
        ? client.api.review.revertFile({ threadId, path })
        : client.api.review.revertHunk({ threadId, path, header: target.hunk.header, to }),
    );
    if (!result) return;
    useNotices
      .getState()
      .pushToast(
        'info',
        result.trashRef
          ? `Reverted ${what}. The replaced work is kept at ${result.trashRef} (Recover in the sidebar).`
          : `Reverted ${what}.`,
      );
    onDone();
    onClose();
  };
  return (
    <Modal title={target.kind === 'file' ? 'Revert file' : 'Revert hunk'} onClose={onClose}>
      <p>
        Put {what} back as it is in the base? The work it replaces is first saved to the trash, so you can
        restore it from Recover in the sidebar.
      </p>
      {target.kind === 'hunk' && <pre className="review-hunk-header mono">{target.hunk.header}</pre>}
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button danger" disabled={pending} onClick={() => void revert()}>
          {target.kind === 'file' ? 'Revert file' : 'Revert hunk'}
        </button>
      </ModalActions>
    </Modal>
  );
}
