import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useProjects } from './projects-slice';

export function RemoveProjectDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  const { pending, error, run } = useAsyncAction();

  const remove = async () => {
    const result = await run(() => requireClient().api.project.remove({ projectId }));
    if (!result) return;
    useProjects.getState().remove(projectId);
    onClose();
  };

  return (
    <Modal title="Remove repository" onClose={onClose}>
      <p>
        Stop tracking <strong>{project?.name ?? 'this repository'}</strong> in Skein? The repository on disk
        is not touched.
      </p>
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button danger" disabled={pending} onClick={() => void remove()}>
          Remove
        </button>
      </ModalActions>
    </Modal>
  );
}
