import { useId, useState, type FormEvent } from 'react';
import type { ThreadBackend } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { usePanes } from '../layout/panes-slice';
import { BaseBranchField } from '../projects/base-branch-field';
import { useProjects } from '../projects/projects-slice';
import { BACKEND_LABELS, BACKEND_OPTIONS, backendForStart } from './backend-labels';
import { useThreads } from './threads-slice';
import { useDefaultBackend } from './use-default-backend';

export function NewThreadDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  const [title, setTitle] = useState('');
  const [base, setBase] = useState('');
  const { pending, error, setError, run } = useAsyncAction();
  const titleId = useId();
  const backendId = useId();
  /** null: the repository's default, whatever it is when the thread starts. */
  const [backend, setBackend] = useState<ThreadBackend | null>(null);
  const defaultBackend = useDefaultBackend(projectId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const thread = await run(() =>
      requireClient().api.thread.start({
        projectId,
        title: title.trim(),
        ...(base ? { base } : {}),
        ...backendForStart(backend),
      }),
    );
    if (!thread) return;
    useThreads.getState().upsert(thread);
    // Starting a thread means working on it next to what is open, so it gets its own pane if there is room.
    usePanes.getState().openBeside(thread.id);
    onClose();
  };

  return (
    <Modal title={project ? `New thread in ${project.name}` : 'New thread'} onClose={onClose}>
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
          placeholder="What will this thread do?"
          onChange={(event) => setTitle(event.target.value)}
        />
        <BaseBranchField projectId={projectId} value={base} onChange={setBase} onError={setError} />
        <label htmlFor={backendId} className="field-label">
          Agent
        </label>
        <select
          id={backendId}
          className="select"
          value={backend ?? defaultBackend}
          onChange={(event) => setBackend(event.target.value as ThreadBackend)}
        >
          {BACKEND_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {BACKEND_LABELS[option]}
              {option === defaultBackend ? ' (repository default)' : ''}
            </option>
          ))}
        </select>
        <p className="field-hint">
          Or{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => useDialogs.getState().show({ kind: 'run-attempts', projectId })}
          >
            run several attempts
          </button>{' '}
          of one task to keep the best, or start a{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => useDialogs.getState().show({ kind: 'new-manager', projectId })}
          >
            manager thread
          </button>{' '}
          that splits a job among workers.
        </p>
        <InlineError message={error} />
        <ModalActions>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={pending || title.trim() === ''}>
            {pending ? 'Starting…' : 'Start thread'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
