import { useId, useState, type FormEvent } from 'react';
import type { SkillScope } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { SKILL_SCOPES, isRepoScope } from './skill-labels';
import type { SkillContext } from './use-skill-list';
import { ScopeSelect } from './scope-select';

/** Repository scopes are offered only with a project: their folders are in its repository. */
export function scopesFor(context: SkillContext): SkillScope[] {
  return SKILL_SCOPES.filter((s) => !isRepoScope(s) || context.projectId !== undefined);
}

/** A new skill from the host's template; opens it once created. */
export function SkillCreateForm({
  context,
  onCreated,
}: {
  context: SkillContext;
  onCreated: (path: string) => void;
}) {
  const [scope, setScope] = useState<SkillScope>('user');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useAsyncAction();
  const nameId = useId();
  const descriptionId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const detail = await create.run(() =>
      requireClient().api.skills.create({ scope, name: name.trim(), description, ...context }),
    );
    if (detail) onCreated(detail.skill.path);
  };
  return (
    <form className="skill-form" aria-label="New skill" onSubmit={(event) => void submit(event)}>
      <ScopeSelect label="Where" value={scope} scopes={scopesFor(context)} onChange={setScope} />
      <label htmlFor={nameId} className="field-label">
        Name
      </label>
      <input
        id={nameId}
        className="text-input"
        placeholder="pdf-tools"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <p className="field-hint">Lowercase letters, digits and single hyphens; at most 64 characters.</p>
      <label htmlFor={descriptionId} className="field-label">
        Description
      </label>
      <textarea
        id={descriptionId}
        className="text-input"
        rows={3}
        maxLength={1024}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <InlineError message={create.error} />
      <div className="skill-form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={create.pending || name.trim() === '' || description.trim() === ''}
        >
          Create skill
        </button>
      </div>
    </form>
  );
}
