import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ModelInfo } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { BaseBranchField } from '../projects/base-branch-field';
import { useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';
import { useDefaultBackend } from '../threads/use-default-backend';
import {
  DEFAULT_ATTEMPTS,
  MAX_ATTEMPTS,
  MIN_ATTEMPTS,
  draftToVariant,
  resizeDrafts,
  type VariantDraft,
} from './attempt-variants';
import { useAttempts } from './attempts-slice';
import { VariantFields } from './variant-fields';
import './attempts.css';

/** The models the project's providers list; without a listing the built-in rows still offer "Default model". */
function useModels(projectId: string): ModelInfo[] {
  const client = useSession((s) => s.client);
  const [models, setModels] = useState<ModelInfo[]>([]);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
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
  return models;
}

/** "Run N attempts": one task, started on N threads at once, each with its own agent and model. */
export function RunAttemptsDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [base, setBase] = useState('');
  const { pending, error, setError, run } = useAsyncAction();
  const defaultBackend = useDefaultBackend(projectId);
  const models = useModels(projectId);
  const [drafts, setDrafts] = useState<VariantDraft[] | null>(null);
  const rows = drafts ?? resizeDrafts([], DEFAULT_ATTEMPTS, defaultBackend);
  const titleId = useId();
  const promptId = useId();
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
            <BaseBranchField projectId={projectId} value={base} onChange={setBase} onError={setError} />
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
