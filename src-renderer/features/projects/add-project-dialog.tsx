import { useId, useState, type FormEvent } from 'react';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { desktopBridge } from '../../lib/connection';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useProjects } from './projects-slice';

export function AddProjectDialog({ onClose }: { onClose: () => void }) {
  const [path, setPath] = useState('');
  const { pending, error, run } = useAsyncAction();
  const fieldId = useId();
  const bridge = desktopBridge();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const project = await run(() => requireClient().api.project.add({ path: path.trim() }));
    if (project) {
      useProjects.getState().upsert(project);
      onClose();
    }
  };

  const browse = async () => {
    const picked = await run(() => bridge?.pickFolder() ?? Promise.resolve(null));
    if (picked) setPath(picked);
  };

  return (
    <Modal title="Add repository" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={fieldId} className="field-label">
          Repository path
        </label>
        <div className="field-row">
          <input
            id={fieldId}
            className="text-input mono"
            value={path}
            autoFocus
            spellCheck={false}
            placeholder="/home/you/code/my-repo"
            onChange={(event) => setPath(event.target.value)}
          />
          {bridge && (
            <button type="button" className="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        <p className="field-hint">A local git repository with at least one commit.</p>
        <InlineError message={error} />
        <ModalActions>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={pending || path.trim() === ''}>
            {pending ? 'Adding…' : 'Add'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
