import { useId } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import type { SettingsFormValues } from './settings-form';
import { sourceLabel } from './settings-form';

interface BackendFieldsProps {
  values: SettingsFormValues;
  onChange: (patch: Partial<SettingsFormValues>) => void;
  view: AgentSettingsView;
  inherit: string;
  /** The codex executable is a setting of this machine's user, shown in the user's settings only. */
  showCodexPath: boolean;
}

function TextField(props: {
  label: string;
  value: string;
  placeholder: string;
  effective: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <input
        id={id}
        className="text-input"
        value={props.value}
        placeholder={props.placeholder}
        maxLength={4_096}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <p className="field-hint">{props.effective}</p>
    </>
  );
}

/** The models Codex and Claude Code threads ask for, and where Skein finds codex. */
export function BackendFields({ values, onChange, view, inherit, showCodexPath }: BackendFieldsProps) {
  const { effective } = view;
  const inEffect = (value: string | null, source: string | undefined, fallback: string) =>
    value ? `In effect: ${value}, from ${sourceLabel(source)}` : `In effect: ${fallback}`;
  return (
    <fieldset className="settings-backend-fields">
      <legend className="settings-heading">Codex and Claude Code</legend>
      <TextField
        label="Codex model"
        value={values.codexModel}
        placeholder={inherit}
        effective={inEffect(effective.codexModel, effective.sources.codexModel, "Codex's own choice")}
        onChange={(codexModel) => onChange({ codexModel })}
      />
      <TextField
        label="Claude Code model"
        value={values.claudeModel}
        placeholder={inherit}
        effective={inEffect(effective.claudeModel, effective.sources.claudeModel, "Claude Code's own choice")}
        onChange={(claudeModel) => onChange({ claudeModel })}
      />
      {showCodexPath && (
        <TextField
          label="Codex executable"
          value={values.codexPath}
          placeholder="Found on your login shell's PATH"
          effective={inEffect(
            effective.codexPath,
            effective.sources.codexPath,
            "codex on your login shell's PATH",
          )}
          onChange={(codexPath) => onChange({ codexPath })}
        />
      )}
    </fieldset>
  );
}
