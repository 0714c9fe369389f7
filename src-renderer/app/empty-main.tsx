import { sortProjects, useProjects } from '../features/projects/projects-slice';
import { shortcutLabel } from '../lib/keymap';
import { startNewThread } from './commands';
import { useDialogs } from './dialogs-slice';

/** What the main area says when no thread is open. */
export function EmptyMain() {
  const hasProjects = useProjects((s) => sortProjects(s.byId).length > 0);
  const show = useDialogs((s) => s.show);
  return (
    <div className="main-empty">
      <h1 className="empty-title">{hasProjects ? 'No thread open' : 'Welcome to Skein'}</h1>
      <p>
        {hasProjects
          ? 'Pick a thread in the sidebar, or start a new one. Ctrl/Cmd-click opens a thread beside the current one.'
          : 'Each thread gets its own git worktree, branch and terminals, so several can run at once.'}
      </p>
      {hasProjects ? (
        <button type="button" className="button primary" onClick={startNewThread}>
          New thread <kbd>{shortcutLabel('new-thread')}</kbd>
        </button>
      ) : (
        <button type="button" className="button primary" onClick={() => show({ kind: 'add-project' })}>
          Add a repository
        </button>
      )}
      <p className="empty-hint">
        Everything is also in the command palette: <kbd>{shortcutLabel('palette')}</kbd>
      </p>
    </div>
  );
}
