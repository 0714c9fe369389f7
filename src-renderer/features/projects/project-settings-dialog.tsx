import { useId, useState, type FormEvent } from 'react';
import type { Project } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { BudgetSection } from '../budgets/budget-section';
import { settingsPatch, type ProjectSettingsDraft } from './project-settings-form';
import { useProjects } from './projects-slice';

function draftOf(project: Project): ProjectSettingsDraft {
  return {
    setupFiles: project.settings.setupFiles.join('\n'),
    setupCommand: project.settings.setupCommand ?? '',
    poolSize: String(project.settings.poolSize),
    checkCommand: project.settings.checkCommand ?? '',
  };
}

function SettingsForm({ project, onClose }: { project: Project; onClose: () => void }) {
  const [draft, setDraft] = useState<ProjectSettingsDraft>(() => draftOf(project));
  const { pending, error, run } = useAsyncAction();
  const filesId = useId();
  const setupId = useId();
  const poolId = useId();
  const checkId = useId();
  const change = (field: keyof ProjectSettingsDraft) => (value: string) =>
    setDraft({ ...draft, [field]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      requireClient().api.project.update({ projectId: project.id, settings: settingsPatch(draft) }),
    );
    if (!saved) return;
    useProjects.getState().upsert(saved);
    onClose();
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <label htmlFor={checkId} className="field-label">
        Check command
      </label>
      <input
        id={checkId}
        className="text-input mono"
        value={draft.checkCommand}
        spellCheck={false}
        maxLength={4096}
        placeholder="npm test"
        onChange={(event) => change('checkCommand')(event.target.value)}
      />
      <p className="field-hint">
        Run in a thread&apos;s worktree (sandboxed) to judge attempts and to gate a manager thread&apos;s
        “done”. Empty: no check.
      </p>
      <label htmlFor={setupId} className="field-label">
        Setup command
      </label>
      <input
        id={setupId}
        className="text-input mono"
        value={draft.setupCommand}
        spellCheck={false}
        maxLength={4096}
        placeholder="npm ci"
        onChange={(event) => change('setupCommand')(event.target.value)}
      />
      <p className="field-hint">Runs in a new thread&apos;s first terminal before the thread is ready.</p>
      <label htmlFor={filesId} className="field-label">
        Setup files
      </label>
      <textarea
        id={filesId}
        className="text-input mono project-setup-files"
        value={draft.setupFiles}
        rows={3}
        spellCheck={false}
        placeholder=".env"
        onChange={(event) => change('setupFiles')(event.target.value)}
      />
      <p className="field-hint">
        One path per line, relative to the repository; copied into every new worktree.
      </p>
      <label htmlFor={poolId} className="field-label">
        Ready worktrees
      </label>
      <input
        id={poolId}
        className="text-input compact"
        type="number"
        min={0}
        max={8}
        value={draft.poolSize}
        onChange={(event) => change('poolSize')(event.target.value)}
      />
      <p className="field-hint">Worktrees kept created in advance so a new thread starts at once.</p>
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={pending}>
          Save
        </button>
      </ModalActions>
    </form>
  );
}

/** The repository's settings: the check command, the setup of new worktrees, the worktree pool. */
export function ProjectSettingsDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const project = useProjects((s) => s.byId[projectId]);
  return (
    <Modal title={project ? `Settings of ${project.name}` : 'Repository settings'} onClose={onClose}>
      {project ? (
        <>
          <BudgetSection projectId={project.id} />
          <SettingsForm project={project} onClose={onClose} />
        </>
      ) : (
        <p>This repository is no longer tracked.</p>
      )}
    </Modal>
  );
}
