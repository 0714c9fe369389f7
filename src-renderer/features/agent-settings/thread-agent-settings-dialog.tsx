import { useState, type FormEvent } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { BudgetSection } from '../budgets/budget-section';
import { useThreads } from '../threads/threads-slice';
import { useAgentSettings } from './agent-settings-slice';
import { SandboxWarning } from './sandbox-warning';
import { SettingsFields } from './settings-fields';
import { ThreadBackendSection } from './thread-backend-section';
import { patchFromValues, valuesFromLayer, type SettingsFormValues } from './settings-form';
import { useModels } from './use-models';
import { useSettingsView } from './use-settings-view';

function ThreadSettingsForm({
  threadId,
  view,
  onClose,
}: {
  threadId: string;
  view: AgentSettingsView;
  onClose: () => void;
}) {
  const [values, setValues] = useState<SettingsFormValues>(() => valuesFromLayer(view.thread));
  const { models, errors } = useModels({ threadId });
  const { pending, error, run } = useAsyncAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const settings = patchFromValues(view.thread, values);
    const updated = await run(() =>
      requireClient().api.agent.setSettings({ scope: 'thread', threadId, settings }),
    );
    if (!updated) return;
    useAgentSettings.getState().setForThread(threadId, updated);
    onClose();
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <SandboxWarning view={view} />
      <SettingsFields
        values={values}
        onChange={setValues}
        view={view}
        models={models}
        inheritFrom="repository and user settings"
        showBaseUrl={false}
      />
      {errors.length > 0 && (
        <p className="field-hint">Could not list every provider&apos;s models: {errors.join('; ')}</p>
      )}
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

/** Provider, model, approval policy and sandbox for one thread (the thread layer). */
export function ThreadAgentSettingsDialog({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const title = useThreads((s) => s.byId[threadId]?.title ?? 'thread');
  const projectId = useThreads((s) => s.byId[threadId]?.projectId);
  const show = useDialogs((s) => s.show);
  const { view, error, setView } = useSettingsView(threadId);
  return (
    <Modal title={`Agent settings for ${title}`} onClose={onClose}>
      <button
        type="button"
        className="link-button"
        onClick={() => show({ kind: 'mcp', projectId, threadId })}
      >
        MCP servers for this thread…
      </button>
      {view ? (
        <>
          <ThreadBackendSection threadId={threadId} view={view} onViewChanged={setView} />
          {projectId && <BudgetSection threadId={threadId} projectId={projectId} onContinued={onClose} />}
          <ThreadSettingsForm threadId={threadId} view={view} onClose={onClose} />
        </>
      ) : (
        <>
          {!error && <p>Loading settings…</p>}
          <InlineError message={error} />
        </>
      )}
    </Modal>
  );
}
