import { useState } from 'react';
import { useThreads } from '../threads/threads-slice';
import { scopeLabel } from './skill-labels';
import { useSkillList } from './use-skill-list';
import './skills.css';

/**
 * The composer's skill picker: choosing one inserts its `$name`, which the agent expands into the
 * whole SKILL.md. Lists only what the agent can use in this thread; loads on first focus.
 */
export function AttachSkill({ threadId, onAttach }: { threadId: string; onAttach: (name: string) => void }) {
  const projectId = useThreads((s) => s.byId[threadId]?.projectId);
  const [wanted, setWanted] = useState(false);
  const list = useSkillList({ projectId, threadId }, wanted);
  const usable = (list.skills ?? []).filter((s) => s.enabled && s.valid && !s.shadowedBy);
  return (
    <select
      className="select small composer-attach-skill"
      aria-label="Attach skill"
      title={list.error ?? 'Attach a skill: its SKILL.md goes into this turn'}
      value=""
      onFocus={() => setWanted(true)}
      onPointerDown={() => setWanted(true)}
      onChange={(event) => {
        if (event.target.value) onAttach(event.target.value);
      }}
    >
      <option value="">{list.skills && usable.length === 0 ? 'No usable skills' : 'Attach skill…'}</option>
      {usable.map((skill) => (
        <option key={skill.path} value={skill.name}>
          {skill.name} ({scopeLabel(skill.scope)})
        </option>
      ))}
    </select>
  );
}
