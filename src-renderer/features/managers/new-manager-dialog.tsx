import { useId, useState, type FormEvent } from 'react';
import type { ThreadBackend } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { usePanes } from '../layout/panes-slice';
import { BaseBranchField } from '../projects/base-branch-field';
import { useProjects } from '../projects/projects-slice';
import { BACKEND_LABELS, BACKEND_OPTIONS } from '../threads/backend-labels';
import { useThreads } from '../threads/threads-slice';
import { useManagers } from './managers-slice';

/** "New manager thread": a built-in agent that splits the task among worker threads and gates "done" on the check. */
export function NewManagerDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  const [title, setTitle] = useState('');
  const [task, setTask] = useState('');
  const [base, setBase] = useState('');
  /** null: the repository's default agent for workers. */
  const [workerBackend, setWorkerBackend] = useState<ThreadBackend | null>(null);
  const { pending, error, setError, run } = useAsyncAction();
  const titleId = useId();
  const taskId = useId();
  const workerId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      requireClient().api.manager.start({
        projectId,
        title: title.trim(),
        task: task.trim(),
        ...(base ? { base } : {}),
        ...(workerBackend ? { workerBackend } : {}),
      }),
    );
    if (!result) return;
    useThreads.getState().upsert(result.thread);
    useManagers.getState().upsert(result.manager);
    usePanes.getState().openBeside(result.thread.id);
    onClose();
  };

  return (
    <Modal title={project ? `New manager thread in ${project.name}` : 'New manager thread'} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={titleId} className="field-label">
          Title
        </label>
        <input
          id={titleId}
          className="text-input"
          value={title}
          autoFocus
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
        />
        <label htmlFor={taskId} className="field-label">
          Task
        </label>
        <textarea
          id={taskId}
          className="text-input manager-task"
          value={task}
          rows={5}
          placeholder="The larger job the manager splits among worker threads"
          onChange={(event) => setTask(event.target.value)}
        />
        <BaseBranchField projectId={projectId} value={base} onChange={setBase} onError={setError} />
        <label htmlFor={workerId} className="field-label">
          Worker agent
        </label>
        <select
          id={workerId}
          className="select"
          value={workerBackend ?? ''}
          onChange={(event) =>
            setWorkerBackend(event.target.value === '' ? null : (event.target.value as ThreadBackend))
          }
        >
          <option value="">Repository default</option>
          {BACKEND_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {BACKEND_LABELS[option]}
            </option>
          ))}
        </select>
        <p className="field-hint">
          The manager runs on the built-in agent. It reports done only after the repository&apos;s check
          command passes on the workers&apos; combined work, or you waive that gate.
        </p>
        <InlineError message={error} />
        <ModalActions>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={pending || title.trim() === '' || task.trim() === ''}
          >
            {pending ? 'Starting…' : 'Start manager'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
