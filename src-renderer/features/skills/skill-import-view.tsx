import { useId, useState, type FormEvent } from 'react';
import type { SkillImportPreview, SkillScope } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { scopesFor } from './skill-create-form';
import { problemsSummary } from './skill-labels';
import type { SkillContext } from './use-skill-list';
import { ScopeSelect } from './scope-select';

/** Import: a git URL or folder is previewed, then the chosen skills are installed into one scope. */
export function SkillImportView({
  context,
  onImported,
}: {
  context: SkillContext;
  onImported: (message: string) => void;
}) {
  const [source, setSource] = useState('');
  const [preview, setPreview] = useState<SkillImportPreview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<SkillScope>('user');
  const look = useAsyncAction();
  const install = useAsyncAction();
  const sourceId = useId();

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const result = await look.run(() => requireClient().api.skills.importPreview({ source: source.trim() }));
    if (!result) return;
    setPreview(result);
    setChosen(new Set(result.skills.filter((s) => s.valid).map((s) => s.name)));
  };

  return (
    <div className="skill-import">
      <form className="skill-action-row" onSubmit={(event) => void lookUp(event)}>
        <label htmlFor={sourceId} className="field-label">
          Git URL or folder
        </label>
        <input
          id={sourceId}
          className="text-input"
          placeholder="https://github.com/owner/skills.git or /path/to/folder"
          value={source}
          onChange={(event) => setSource(event.target.value)}
        />
        <button type="submit" className="button small" disabled={look.pending || source.trim() === ''}>
          {look.pending ? 'Looking…' : 'Preview'}
        </button>
      </form>
      <InlineError message={look.error} />
      {preview && (
        <>
          <p className="skill-import-source">
            {preview.skills.length} {preview.skills.length === 1 ? 'skill' : 'skills'} in {preview.source}
            {preview.commit ? ` at ${preview.commit.slice(0, 10)}` : ''}
          </p>
          <ul className="skill-list" aria-label="Skills found">
            {preview.skills.map((candidate) => (
              <li key={candidate.relativePath} className="skill-row">
                <label className="skill-row-main">
                  <input
                    type="checkbox"
                    checked={chosen.has(candidate.name)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(candidate.name);
                      else next.delete(candidate.name);
                      setChosen(next);
                    }}
                  />
                  <span className="skill-row-name">{candidate.name}</span>
                  <span className="skill-row-when mono">{candidate.relativePath}</span>
                  {problemsSummary(candidate.problems) && (
                    <span className={candidate.valid ? 'skill-problems warning' : 'skill-problems error'}>
                      {problemsSummary(candidate.problems)}
                    </span>
                  )}
                </label>
                <p className="skill-row-description">{candidate.description}</p>
              </li>
            ))}
          </ul>
          <div className="skill-action-row">
            <ScopeSelect label="Install into" value={scope} scopes={scopesFor(context)} onChange={setScope} />
            <button
              type="button"
              className="button small primary"
              disabled={install.pending || chosen.size === 0}
              onClick={() =>
                void install.run(async () => {
                  const result = await requireClient().api.skills.import({
                    previewId: preview.previewId,
                    names: [...chosen],
                    scope,
                    ...context,
                  });
                  onImported(`Imported ${result.skills.map((s) => s.name).join(', ')}.`);
                })
              }
            >
              Import {chosen.size} {chosen.size === 1 ? 'skill' : 'skills'}
            </button>
          </div>
          <InlineError message={install.error} />
        </>
      )}
    </div>
  );
}
