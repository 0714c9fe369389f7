import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ModelInfo, ThreadBackend } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';
import {
  DEFAULT_ATTEMPTS,
  MAX_ATTEMPTS,
  MIN_ATTEMPTS,
  draftToVariant,
  resizeDrafts,
  type VariantDraft,
} from './attempt-variants';
import { useAttempts } from './attempts-slice';
import { useProjectBranches } from './use-project-branches';
import { VariantFields } from './variant-fields';
import './attempts.css';

/** The project's default agent and the models its providers list; both optional for the form to work. */
function useAgentChoices(projectId: string): { defaultBackend: ThreadBackend; models: ModelInfo[] } {
  const client = useSession((s) => s.client);
  const [defaultBackend, setDefaultBackend] = useState<ThreadBackend>('builtin');
  const [models, setModels] = useState<ModelInfo[]>([]);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.agent.getSettings({ projectId }).then(
      (view) => {
        if (!cancelled) setDefaultBackend(view.effective.backend);
      },
      () => undefined,
    );
    // Without a listing the built-in rows still offer "Default model".
    client.api.agent.models({ projectId }).then(
      (result) => {
        if (!cancelled) setModels(result.models);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, projectId]);
  return { defaultBackend, models };
}

/** "Run N attempts": one task, started on N threads at once, each with its own agent and model. */
export function RunAttemptsDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [base, setBase] = useState('');
  const { pending, error, setError, run } = useAsyncAction();
  const onBranchError = useCallback((message: string) => setError(message), [setError]);
  const branches = useProjectBranches(projectId, onBranchError);
  const { defaultBackend, models } = useAgentChoices(projectId);
  const [drafts, setDrafts] = useState<VariantDraft[] | null>(null);
  const rows = drafts ?? resizeDrafts([], DEFAULT_ATTEMPTS, defaultBackend);
  const titleId = useId();
  const promptId = useId();
  const baseId = useId();
  const countId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      requireClient().api.attempt.start({
        projectId,
        title: title.trim(),
        prompt: prompt.trim(),
        ...(base ? { base } : {}),
        variants: rows.map(draftToVariant),
      }),
    );
    if (!result) return;
    useAttempts.getState().upsert(result.group);
    for (const attempt of result.group.attempts) useThreads.getState().upsert(attempt.thread);
    useDialogs.getState().show({ kind: 'attempt-compare', groupId: result.group.id });
  };

  const defaultBase = project?.defaultBase ?? 'default branch';
  const ready = title.trim() !== '' && prompt.trim() !== '';
  return (
    <Modal title={project ? `Run attempts in ${project.name}` : 'Run attempts'} onClose={onClose} size="wide">
      <form className="run-attempts" onSubmit={(event) => void submit(event)}>
        <label htmlFor={titleId} className="field-label">
          Title
        </label>
        <input
          id={titleId}
          className="text-input"
          value={title}
          autoFocus
          maxLength={200}
          placeholder="What are the attempts for?"
          onChange={(event) => setTitle(event.target.value)}
        />
        <label htmlFor={promptId} className="field-label">
          Task
        </label>
        <textarea
          id={promptId}
          className="text-input attempts-prompt"
          value={prompt}
          rows={5}
          placeholder="The prompt every attempt gets as its first message"
          onChange={(event) => setPrompt(event.target.value)}
        />
        <div className="attempts-form-row">
          <span>
            <label htmlFor={baseId} className="field-label">
              Base branch
            </label>
            <select
              id={baseId}
              className="select"
              value={base}
              onChange={(event) => setBase(event.target.value)}
            >
              <option value="">Default ({defaultBase})</option>
              {branches
                .filter((branch) => branch !== defaultBase)
                .map((branch) => (
                  <option key={branch} value={branch}>
                    {branch}
                  </option>
                ))}
            </select>
          </span>
          <span>
            <label htmlFor={countId} className="field-label">
              Number of attempts
            </label>
            <input
              id={countId}
              className="text-input attempts-count"
              type="number"
              min={MIN_ATTEMPTS}
              max={MAX_ATTEMPTS}
              value={rows.length}
              onChange={(event) => setDrafts(resizeDrafts(rows, Number(event.target.value), defaultBackend))}
            />
          </span>
        </div>
        <p className="field-label">Agents and models</p>
        <ol className="attempt-variants" aria-label="Attempts to run">
          {rows.map((draft, index) => (
            <VariantFields
              key={index}
              index={index}
              draft={draft}
              models={models}
              onChange={(next) => setDrafts(rows.map((row, i) => (i === index ? next : row)))}
            />
          ))}
        </ol>
        <p className="field-hint">
          Each attempt gets its own worktree and branch from the same base, and the task as its first message.
        </p>
        <InlineError message={error} />
        <ModalActions>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={pending || !ready}>
            {pending ? 'Starting…' : `Start ${rows.length} ${rows.length === 1 ? 'attempt' : 'attempts'}`}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
