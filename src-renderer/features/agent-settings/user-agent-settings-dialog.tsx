import { useState, type FormEvent } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useAgentSettings } from './agent-settings-slice';
import { ApiKeysSection } from './api-keys-section';
import { TracingSection } from '../traces/tracing-section';
import { ApprovalRulesSection } from './approval-rules-section';
import { SandboxWarning } from './sandbox-warning';
import { SettingsFields } from './settings-fields';
import { patchFromValues, valuesFromLayer, type SettingsFormValues } from './settings-form';
import { useModels } from './use-models';
import { useSettingsView } from './use-settings-view';

function UserDefaultsForm({
  view,
  onSaved,
}: {
  view: AgentSettingsView;
  onSaved: (view: AgentSettingsView) => void;
}) {
  const [values, setValues] = useState<SettingsFormValues>(() => valuesFromLayer(view.user));
  const { models } = useModels({});
  const { pending, error, run } = useAsyncAction();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const settings = patchFromValues(view.user, values);
    const updated = await run(() => requireClient().api.agent.setSettings({ scope: 'user', settings }));
    if (!updated) return;
    useAgentSettings.getState().invalidateAll();
    onSaved(updated);
    setValues(valuesFromLayer(updated.user));
    setSaved(true);
  };

  return (
    <form
      className="settings-section"
      aria-label="Defaults for every thread"
      onSubmit={(event) => void submit(event)}
    >
      <h3 className="settings-heading">Defaults for every thread</h3>
      <SettingsFields
        values={values}
        onChange={(next) => {
          setSaved(false);
          setValues(next);
        }}
        view={view}
        models={models}
        inheritFrom="the environment and defaults"
        showBaseUrl
        showBackend
      />
      <InlineError message={error} />
      <div className="settings-save">
        {saved && (
          <span className="field-hint" role="status">
            Saved.
          </span>
        )}
        <button type="submit" className="button primary" disabled={pending}>
          Save defaults
        </button>
      </div>
    </form>
  );
}

/** The user's agent defaults, provider keys and stored approval rules. */
export function UserAgentSettingsDialog({ onClose }: { onClose: () => void }) {
  const [generation, setGeneration] = useState(0);
  return (
    <Modal title="Agent settings" onClose={onClose} size="wide">
      <UserSettingsBody key={generation} onKeysChanged={() => setGeneration((g) => g + 1)} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}

function UserSettingsBody({ onKeysChanged }: { onKeysChanged: () => void }) {
  const { view, error, setView } = useSettingsView();
  if (!view) {
    return (
      <>
        {!error && <p>Loading settings…</p>}
        <InlineError message={error} />
      </>
    );
  }
  return (
    <div className="settings-scroll">
      <SandboxWarning view={view} />
      {view.admin && (
        <p className="field-hint">
          An administrator&apos;s requirements file applies; settings below cannot be less strict than it.
        </p>
      )}
      <ApiKeysSection view={view} onChanged={onKeysChanged} />
      <UserDefaultsForm view={view} onSaved={setView} />
      <ApprovalRulesSection />
      <TracingSection />
    </div>
  );
}
