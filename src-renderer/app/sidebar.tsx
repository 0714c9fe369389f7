import { useMemo } from 'react';
import { ApprovalsEntry } from '../features/approvals/approvals-entry';
import { ProjectSection } from '../features/projects/project-section';
import { sortProjects, useProjects } from '../features/projects/projects-slice';
import { openMcpForProject } from '../features/mcp/open-mcp';
import { openSkillsForProject } from '../features/skills/open-skills';
import { shortcutLabel } from '../lib/keymap';
import { useDialogs } from './dialogs-slice';

export function Sidebar() {
  const byId = useProjects((s) => s.byId);
  const loaded = useProjects((s) => s.loaded);
  const projects = useMemo(() => sortProjects(byId), [byId]);
  const show = useDialogs((s) => s.show);

  return (
    <nav className="sidebar" aria-label="Repositories and threads">
      <header className="sidebar-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Skein
        </span>
        <span className="sidebar-header-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Agent settings"
            title="Agent settings: models, keys, approval rules"
            onClick={() => show({ kind: 'agent-settings' })}
          >
            ⚙
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Command palette"
            title={`Command palette (${shortcutLabel('palette')})`}
            onClick={() => show({ kind: 'palette' })}
          >
            ⌕
          </button>
        </span>
      </header>
      <div className="sidebar-entries">
        <ApprovalsEntry />
        <button type="button" className="sidebar-entry" onClick={openSkillsForProject}>
          <span className="sidebar-entry-label">Skills</span>
        </button>
        <button type="button" className="sidebar-entry" onClick={openMcpForProject}>
          <span className="sidebar-entry-label">MCP servers</span>
        </button>
      </div>
      <div className="sidebar-scroll">
        {projects.map((project) => (
          <ProjectSection key={project.id} project={project} />
        ))}
        {loaded && projects.length === 0 && (
          <p className="sidebar-empty">Add a git repository to start threads in their own worktrees.</p>
        )}
      </div>
      <footer className="sidebar-footer">
        <button type="button" className="button wide" onClick={() => show({ kind: 'add-project' })}>
          Add repository
        </button>
      </footer>
    </nav>
  );
}
