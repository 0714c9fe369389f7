import { useMemo } from 'react';
import { useDialogs } from '../../app/dialogs-slice';
import { describeGroupStatus } from './attempt-format';
import { groupsOfProject, useAttempts } from './attempts-slice';
import './attempts.css';

/** The project's attempt groups in the sidebar; each opens its compare view. */
export function AttemptGroupsFold({ projectId }: { projectId: string }) {
  const byId = useAttempts((s) => s.byId);
  const error = useAttempts((s) => s.errors[projectId]);
  const groups = useMemo(() => groupsOfProject(byId, projectId), [byId, projectId]);
  const show = useDialogs((s) => s.show);
  if (groups.length === 0 && !error) return null;
  return (
    <details className="sidebar-fold" open={groups.some((g) => g.status !== 'picked')}>
      <summary>Attempts ({groups.length})</summary>
      {error && <p className="fold-empty">Attempts could not be listed: {error}</p>}
      <ul className="fold-list" aria-label="Attempt groups">
        {groups.map((group) => (
          <li key={group.id} className="fold-row">
            <button
              type="button"
              className="link-button attempt-group-link"
              aria-label={`Compare attempts: ${group.title}`}
              onClick={() => show({ kind: 'attempt-compare', groupId: group.id })}
            >
              <span className="fold-title">{group.title}</span>
              <span className="attempt-group-meta">
                {group.attempts.length} · {describeGroupStatus(group)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
