import { useId } from 'react';
import type { SkillScope } from '../../../src-shared/contract';
import { scopeLabel } from './skill-labels';

/** A labelled choice of skill folders (create, import, copy to). */
export function ScopeSelect({
  label,
  value,
  scopes,
  onChange,
}: {
  label: string;
  value: SkillScope;
  scopes: readonly SkillScope[];
  onChange: (scope: SkillScope) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value as SkillScope)}
      >
        {scopes.map((scope) => (
          <option key={scope} value={scope}>
            {scopeLabel(scope)}
          </option>
        ))}
      </select>
    </>
  );
}
