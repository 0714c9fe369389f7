import { useId, useState } from 'react';
import type { AgentSettingsView, ThreadBackend } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useProjects } from '../projects/projects-slice';
import { BACKEND_LABELS, BACKEND_OPTIONS } from '../threads/backend-labels';
import { useThreads } from '../threads/threads-slice';
import { useAgentSettings } from './agent-settings-slice';
import { sourceLabel } from './settings-form';

/**
 * Which agent works in this thread (switched at once with `thread/setBackend`; the host refuses while
 * a turn runs and its sentence shows here), and the repository's default for new threads.
 */
export function ThreadBackendSection({
  threadId,
  view,
  onViewChanged,
}: {
  threadId: string;
  view: AgentSettingsView;
  onViewChanged: (view: AgentSettingsView) => void;
}) {
  const thread = useThreads((s) => s.byId[threadId]);
  const projectName = useProjects((s) => (thread ? s.byId[thread.projectId]?.name : undefined));
  const current = thread?.backend ?? 'builtin';
  const [chosen, setChosen] = useState<ThreadBackend>(current);
  const [switched, setSwitched] = useState<string | null>(null);
  const switching = useAsyncAction();
  const saving = useAsyncAction();
  const [savedDefault, setSavedDefault] = useState(false);
  const ids = { agent: useId(), projectDefault: useId() };

  const switchBackend = async () => {
    setSwitched(null);
    const updated = await switching.run(() =>
      requireClient().api.thread.setBackend({ threadId, backend: chosen }),
    );
    if (!updated) return;
    useThreads.getState().upsert(updated);
    setSwitched(`${BACKEND_LABELS[updated.backend]} works in this thread now.`);
  };

  const saveProjectDefault = async (value: '' | ThreadBackend) => {
    setSavedDefault(false);
    if (!thread) return;
    const updated = await saving.run(() =>
      requireClient().api.agent.setSettings({
        scope: 'project',
        projectId: thread.projectId,
        settings: { backend: value === '' ? null : value },
      }),
    );
    if (!updated) return;
    useAgentSettings.getState().invalidateAll();
    onViewChanged(updated);
    setSavedDefault(true);
  };

  return (
    <section className="settings-section backend-section" aria-label="Agent">
      <label htmlFor={ids.agent} className="field-label">
        Agent in this thread
      </label>
      <div className="backend-switch">
        <select
          id={ids.agent}
          className="select"
          value={chosen}
          onChange={(event) => {
            setSwitched(null);
            setChosen(event.target.value as ThreadBackend);
          }}
        >
          {BACKEND_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {BACKEND_LABELS[option]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={chosen === current || switching.pending}
          onClick={() => void switchBackend()}
        >
          Switch agent
        </button>
      </div>
      <p className="field-hint">
        Now: <strong>{BACKEND_LABELS[current]}</strong>. A new agent does not see the previous one&apos;s
        conversation; the transcript keeps it.
      </p>
      {switched && (
        <p className="field-hint" role="status">
          {switched}
        </p>
      )}
      <InlineError message={switching.error} />

      <label htmlFor={ids.projectDefault} className="field-label">
        Agent for new threads in {projectName ?? 'this repository'}
      </label>
      <select
        id={ids.projectDefault}
        className="select"
        value={view.project?.backend ?? ''}
        disabled={saving.pending}
        onChange={(event) => void saveProjectDefault(event.target.value as '' | ThreadBackend)}
      >
        <option value="">Inherit from your settings</option>
        {BACKEND_OPTIONS.map((option) => (
          <option key={option} value={option}>
            {BACKEND_LABELS[option]}
          </option>
        ))}
      </select>
      <p className="field-hint">
        In effect: <strong>{BACKEND_LABELS[view.effective.backend]}</strong>, from{' '}
        {sourceLabel(view.effective.sources.backend)}.{savedDefault && <span role="status"> Saved.</span>}
      </p>
      <InlineError message={saving.error} />
    </section>
  );
}
