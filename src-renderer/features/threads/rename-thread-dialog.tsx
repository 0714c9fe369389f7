import { useId, useState, type FormEvent } from 'react';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useThreads } from './threads-slice';

export function RenameThreadDialog({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const current = useThreads((s) => s.byId[threadId]);
  const [title, setTitle] = useState(current?.title ?? '');
  const { pending, error, run } = useAsyncAction();
  const fieldId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const thread = await run(() => requireClient().api.thread.rename({ threadId, title: title.trim() }));
    if (!thread) return;
    useThreads.getState().upsert(thread);
    onClose();
  };

  return (
    <Modal title="Rename thread" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={fieldId} className="field-label">
          Title
        </label>
        <input
          id={fieldId}
          className="text-input"
          value={title}
          autoFocus
          maxLength={200}
          onFocus={(event) => event.target.select()}
          onChange={(event) => setTitle(event.target.value)}
        />
        <InlineError message={error} />
        <ModalActions>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={pending || title.trim() === ''}>
            Rename
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
