import { useId, useMemo, useState } from 'react';
import type { Project } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { Menu } from '../../app/ui/menu';
import { AttemptGroupsFold } from '../attempts/attempt-groups-fold';
import { ThreadTreeList } from '../managers/thread-tree-list';
import { ArchivedThreads } from '../threads/archived-threads';
import { threadsOfProject, useThreads } from '../threads/threads-slice';
import { RecoverList } from './recover-list';

export function ProjectSection({ project }: { project: Project }) {
  const byId = useThreads((s) => s.byId);
  const { live, archived } = useMemo(() => threadsOfProject(byId, project.id), [byId, project.id]);
  const show = useDialogs((s) => s.show);
  const headingId = useId();
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);

  return (
    <section className="project" aria-labelledby={headingId}>
      <header className="project-header">
        <h2 id={headingId} className="project-name" title={project.path}>
          {project.name}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={`New thread in ${project.name}`}
          title="New thread"
          onClick={() => show({ kind: 'new-thread', projectId: project.id })}
        >
          +
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Conflict radar for ${project.name}`}
          title="Conflict radar"
          onClick={() => show({ kind: 'conflict-radar', projectId: project.id })}
        >
          ⊞
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Actions for repository ${project.name}`}
          aria-haspopup="menu"
          aria-expanded={menuAt !== null}
          onClick={(event) => {
            const rect = event.currentTarget.getBoundingClientRect();
            setMenuAt({ x: rect.left, y: rect.bottom + 2 });
          }}
        >
          ⋯
        </button>
        {menuAt && (
          <Menu
            label={`Actions for repository ${project.name}`}
            at={menuAt}
            onClose={() => setMenuAt(null)}
            items={[
              { label: 'New thread…', onSelect: () => show({ kind: 'new-thread', projectId: project.id }) },
              {
                label: 'Run attempts…',
                onSelect: () => show({ kind: 'run-attempts', projectId: project.id }),
              },
              {
                label: 'New manager thread…',
                onSelect: () => show({ kind: 'new-manager', projectId: project.id }),
              },
              {
                label: 'Repository settings…',
                onSelect: () => show({ kind: 'project-settings', projectId: project.id }),
              },
              {
                label: 'Remove repository…',
                danger: true,
                onSelect: () => show({ kind: 'remove-project', projectId: project.id }),
              },
            ]}
          />
        )}
      </header>
      {live.length === 0 ? (
        <p className="project-empty">No threads yet.</p>
      ) : (
        <ThreadTreeList threads={live} label={`Threads of ${project.name}`} />
      )}
      <AttemptGroupsFold projectId={project.id} />
      <ArchivedThreads threads={archived} />
      <RecoverList projectId={project.id} />
    </section>
  );
}
