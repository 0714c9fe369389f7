import { useId } from 'react';
import type { ModelInfo, ThreadBackend } from '../../../src-shared/contract';
import { BACKEND_LABELS, BACKEND_OPTIONS } from '../threads/backend-labels';
import { modelChoiceValue, withBackend, type VariantDraft } from './attempt-variants';

interface VariantFieldsProps {
  index: number;
  draft: VariantDraft;
  models: readonly ModelInfo[];
  onChange: (draft: VariantDraft) => void;
}

/** One attempt's agent and model: a list of the providers' models for the built-in agent, free text otherwise. */
export function VariantFields({ index, draft, models, onChange }: VariantFieldsProps) {
  const agentId = useId();
  const modelId = useId();
  const n = index + 1;
  return (
    <li className="attempt-variant">
      <span className="attempt-variant-number" aria-hidden="true">
        {n}
      </span>
      <label htmlFor={agentId} className="sr-only">
        Agent for attempt {n}
      </label>
      <select
        id={agentId}
        className="select"
        value={draft.backend}
        onChange={(event) => onChange(withBackend(draft, event.target.value as ThreadBackend))}
      >
        {BACKEND_OPTIONS.map((option) => (
          <option key={option} value={option}>
            {BACKEND_LABELS[option]}
          </option>
        ))}
      </select>
      <label htmlFor={modelId} className="sr-only">
        Model for attempt {n}
      </label>
      {draft.backend === 'builtin' ? (
        <select
          id={modelId}
          className="select"
          value={draft.model}
          onChange={(event) => onChange({ ...draft, model: event.target.value })}
        >
          <option value="">Default model</option>
          {models.map((model) => (
            <option key={modelChoiceValue(model)} value={modelChoiceValue(model)}>
              {model.label} ({model.provider})
            </option>
          ))}
        </select>
      ) : (
        <input
          id={modelId}
          className="text-input"
          value={draft.model}
          maxLength={200}
          spellCheck={false}
          placeholder={`${BACKEND_LABELS[draft.backend]}'s default model`}
          onChange={(event) => onChange({ ...draft, model: event.target.value })}
        />
      )}
    </li>
  );
}
