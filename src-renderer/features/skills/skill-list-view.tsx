import { useId, useState } from 'react';
import type { Skill, SkillScope } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { SKILL_SCOPES, filterSkills, folderName, problemsSummary, scopeLabel } from './skill-labels';
import type { SkillContext } from './use-skill-list';

interface SkillListViewProps {
  skills: Skill[];
  context: SkillContext;
  onOpen: (path: string) => void;
}

interface SkillRowProps {
  skill: Skill;
  /** The scope of the skill that wins over this one, when it is in the list. */
  winnerScope: SkillScope | undefined;
  context: SkillContext;
  onOpen: () => void;
}

function SkillRow({ skill, winnerScope, context, onOpen }: SkillRowProps) {
  const toggle = useAsyncAction();
  // The box follows a click at once; the host's answer comes back through `skills/changed`.
  const [asked, setAsked] = useState<{ value: boolean; from: boolean } | null>(null);
  const checked = asked && asked.from === skill.enabled ? asked.value : skill.enabled;
  const summary = problemsSummary(skill.problems);
  const projectId = context.projectId;
  const where = context.threadId ? 'this thread' : 'this project';
  // A setting made here can be dropped, so the wider scope (the project's, or the default: on) decides again.
  const ownSetting = skill.enabledSource === (context.threadId ? 'thread' : 'project');
  const resetLabel = context.threadId ? "Use the project's setting" : 'Use the default';
  const setEnabled = (enabled: boolean | null) => {
    if (!projectId) return;
    if (enabled !== null) setAsked({ value: enabled, from: skill.enabled });
    void toggle
      .run(() =>
        requireClient().api.skills.setEnabled({
          name: skill.name,
          projectId,
          threadId: context.threadId,
          enabled,
        }),
      )
      .then((done) => {
        if (!done || enabled === null) setAsked(null);
      });
  };
  return (
    <li className="skill-row" aria-label={`Skill ${skill.name} (${scopeLabel(skill.scope)})`}>
      <div className="skill-row-main">
        <button type="button" className="skill-row-name" onClick={onOpen} aria-label={`Open ${skill.name}`}>
          {skill.name}
        </button>
        <span className={`skill-scope skill-scope-${skill.scope}`}>{scopeLabel(skill.scope)}</span>
        {summary && (
          <span className={skill.valid ? 'skill-problems warning' : 'skill-problems error'}>{summary}</span>
        )}
        {skill.shadowedBy && (
          <span className="skill-shadowed" title={skill.shadowedBy}>
            {winnerScope
              ? `Shadowed by the ${scopeLabel(winnerScope)} skill`
              : `Shadowed by ${folderName(skill.shadowedBy)}`}
          </span>
        )}
      </div>
      <p className="skill-row-description">{skill.description || 'No description.'}</p>
      <div className="skill-enable">
        <label className="skill-toggle">
          <input
            type="checkbox"
            checked={checked}
            disabled={!projectId || toggle.pending}
            aria-label={`Enable ${skill.name} for ${where}`}
            onChange={(event) => setEnabled(event.target.checked)}
          />
          Enabled
          {skill.enabledSource !== 'default' && (
            <span className="skill-enabled-source">
              ({skill.enabledSource === 'thread' ? 'thread setting' : 'project setting'})
            </span>
          )}
        </label>
        {ownSetting && (
          <button
            type="button"
            className="button small"
            disabled={toggle.pending}
            aria-label={`${resetLabel} for ${skill.name}`}
            onClick={() => setEnabled(null)}
          >
            {resetLabel}
          </button>
        )}
      </div>
      <InlineError message={toggle.error} />
    </li>
  );
}

/** Every skill with search and a scope filter; a row opens the skill. */
export function SkillListView({ skills, context, onOpen }: SkillListViewProps) {
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<SkillScope | 'all'>('all');
  const searchId = useId();
  const scopeId = useId();
  const shown = filterSkills(skills, query, scope);
  const scopeOfPath = new Map(skills.map((s) => [s.path, s.scope]));
  return (
    <div className="skill-list-view">
      <div className="skill-filters">
        <label htmlFor={searchId} className="sr-only">
          Search skills
        </label>
        <input
          id={searchId}
          className="text-input"
          type="search"
          placeholder="Search skills"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label htmlFor={scopeId} className="sr-only">
          Scope
        </label>
        <select
          id={scopeId}
          className="select"
          value={scope}
          onChange={(event) => setScope(event.target.value as SkillScope | 'all')}
        >
          <option value="all">All scopes</option>
          {SKILL_SCOPES.map((s) => (
            <option key={s} value={s}>
              {scopeLabel(s)}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p className="skill-empty">
          {skills.length === 0 ? 'No skills yet: create one or import some.' : 'No skill matches.'}
        </p>
      ) : (
        <ul className="skill-list" aria-label="Skills">
          {shown.map((skill) => (
            <SkillRow
              key={skill.path}
              skill={skill}
              winnerScope={skill.shadowedBy ? scopeOfPath.get(skill.shadowedBy) : undefined}
              context={context}
              onOpen={() => onOpen(skill.path)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
