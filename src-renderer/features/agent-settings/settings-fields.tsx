import { useId } from 'react';
import {
  approvalPolicySchema,
  providerKindSchema,
  sandboxModeSchema,
  type AgentSettingsView,
  type ModelInfo,
} from '../../../src-shared/contract';
import { BACKEND_LABELS, BACKEND_OPTIONS } from '../threads/backend-labels';
import { BackendFields } from './backend-fields';
import {
  POLICY_LABELS,
  PROVIDER_LABELS,
  SANDBOX_LABELS,
  sourceLabel,
  type SettingsFormValues,
} from './settings-form';

interface SettingsFieldsProps {
  values: SettingsFormValues;
  onChange: (values: SettingsFormValues) => void;
  view: AgentSettingsView;
  models: ModelInfo[];
  /** What "inherit" defers to, in words: "repository and user settings". */
  inheritFrom: string;
  /** The endpoint field is for user and project layers; a thread uses its provider's. */
  showBaseUrl: boolean;
  /** The default agent for new threads is a user or project setting; a thread switches its own elsewhere. */
  showBackend?: boolean;
}

/** Where an effective value came from, shown under its field. */
function Effective({ value, source }: { value: string; source: string | undefined }) {
  return (
    <p className="field-hint">
      In effect: <strong>{value}</strong>, from {sourceLabel(source)}
    </p>
  );
}

/** Provider, model, approval policy, sandbox and network fields of one settings layer. */
export function SettingsFields({
  values,
  onChange,
  view,
  models,
  inheritFrom,
  showBaseUrl,
  showBackend = false,
}: SettingsFieldsProps) {
  const ids = {
    provider: useId(),
    model: useId(),
    models: useId(),
    baseUrl: useId(),
    policy: useId(),
    sandbox: useId(),
    network: useId(),
    backend: useId(),
  };
  const { effective } = view;
  const set = (patch: Partial<SettingsFormValues>) => onChange({ ...values, ...patch });
  const provider = values.provider || effective.provider;
  const modelChoices = models.filter((model) => model.provider === provider);
  const inherit = `Inherit from ${inheritFrom}`;

  return (
    <div className="settings-fields">
      {showBackend && (
        <>
          <label htmlFor={ids.backend} className="field-label">
            Agent for new threads
          </label>
          <select
            id={ids.backend}
            className="select"
            value={values.backend}
            onChange={(event) => set({ backend: event.target.value as SettingsFormValues['backend'] })}
          >
            <option value="">{inherit}</option>
            {BACKEND_OPTIONS.map((backend) => (
              <option key={backend} value={backend}>
                {BACKEND_LABELS[backend]}
              </option>
            ))}
          </select>
          <Effective value={BACKEND_LABELS[effective.backend]} source={effective.sources.backend} />
          <p className="field-hint">
            Provider and model below are the built-in agent&apos;s; Codex and Claude Code use their own
            configuration. The approval policy and sandbox apply to all three.
          </p>
        </>
      )}
      <label htmlFor={ids.provider} className="field-label">
        Provider
      </label>
      <select
        id={ids.provider}
        className="select"
        value={values.provider}
        onChange={(event) => set({ provider: event.target.value as SettingsFormValues['provider'] })}
      >
        <option value="">{inherit}</option>
        {providerKindSchema.options.map((kind) => (
          <option key={kind} value={kind}>
            {PROVIDER_LABELS[kind]}
          </option>
        ))}
      </select>
      <Effective value={effective.provider} source={effective.sources.provider} />

      <label htmlFor={ids.model} className="field-label">
        Model
      </label>
      <input
        id={ids.model}
        className="text-input"
        list={ids.models}
        value={values.model}
        placeholder={inherit}
        maxLength={200}
        onChange={(event) => set({ model: event.target.value })}
      />
      <datalist id={ids.models}>
        {modelChoices.map((model) => (
          <option key={`${model.provider}:${model.id}`} value={model.id}>
            {model.label}
          </option>
        ))}
      </datalist>
      <Effective value={effective.model} source={effective.sources.model} />

      {showBaseUrl && (
        <>
          <label htmlFor={ids.baseUrl} className="field-label">
            Endpoint (base URL)
          </label>
          <input
            id={ids.baseUrl}
            className="text-input"
            value={values.baseUrl}
            placeholder={effective.baseUrl ?? "The provider's default"}
            onChange={(event) => set({ baseUrl: event.target.value })}
          />
          <Effective value={effective.baseUrl ?? 'provider default'} source={effective.sources.baseUrl} />
        </>
      )}

      <label htmlFor={ids.policy} className="field-label">
        Approval policy
      </label>
      <select
        id={ids.policy}
        className="select"
        value={values.approvalPolicy}
        onChange={(event) =>
          set({ approvalPolicy: event.target.value as SettingsFormValues['approvalPolicy'] })
        }
      >
        <option value="">{inherit}</option>
        {approvalPolicySchema.options.map((policy) => (
          <option key={policy} value={policy}>
            {POLICY_LABELS[policy]}
          </option>
        ))}
      </select>
      <Effective value={effective.approvalPolicy} source={effective.sources.approvalPolicy} />

      <label htmlFor={ids.sandbox} className="field-label">
        Sandbox
      </label>
      <select
        id={ids.sandbox}
        className="select"
        value={values.sandboxMode}
        onChange={(event) => set({ sandboxMode: event.target.value as SettingsFormValues['sandboxMode'] })}
      >
        <option value="">{inherit}</option>
        {sandboxModeSchema.options.map((mode) => (
          <option key={mode} value={mode}>
            {SANDBOX_LABELS[mode]}
          </option>
        ))}
      </select>
      <Effective value={effective.sandboxMode} source={effective.sources.sandboxMode} />

      <label htmlFor={ids.network} className="field-label">
        Network for sandboxed commands
      </label>
      <select
        id={ids.network}
        className="select"
        value={values.networkAccess}
        onChange={(event) =>
          set({ networkAccess: event.target.value as SettingsFormValues['networkAccess'] })
        }
      >
        <option value="">{inherit}</option>
        <option value="on">Allowed</option>
        <option value="off">Blocked</option>
      </select>
      <Effective
        value={effective.networkAccess ? 'allowed' : 'blocked'}
        source={effective.sources.networkAccess}
      />
      <p className="field-hint">
        For the approval policy, the sandbox and the network, the strictest layer wins.
      </p>
      <BackendFields
        values={values}
        onChange={set}
        view={view}
        inherit={inherit}
        showCodexPath={showBackend}
      />
    </div>
  );
}
