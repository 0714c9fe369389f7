import type { Thread } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { AttemptsPaneButton } from '../attempts/attempts-pane-button';
import { ManagerPaneButton } from '../managers/manager-pane-button';
import { backendLabel } from '../threads/backend-labels';
import { BudgetBadge } from '../budgets/budget-badge';
import { ThreadStatusBadge } from '../threads/thread-status';

interface PaneHeaderProps {
  thread: Thread;
  headingId: string;
  index: number;
  onClose: () => void;
}

export function PaneHeader({ thread, headingId, index, onClose }: PaneHeaderProps) {
  return (
    <header className="pane-header">
      <span className="pane-number" aria-hidden="true" title={`Focus with Mod+${index + 1}`}>
        {index + 1}
      </span>
      <h2 id={headingId} className="pane-title" title={thread.title}>
        {thread.title}
      </h2>
      <span className="pane-branch mono" title={thread.worktreePath}>
        {thread.branch}
      </span>
      <span className="backend-badge" title="The agent working in this thread">
        <span className="sr-only">Agent: </span>
        {backendLabel(thread.backend)}
      </span>
      <ThreadStatusBadge status={thread.status} detail={thread.statusDetail} />
      <BudgetBadge threadId={thread.id} />
      <AttemptsPaneButton threadId={thread.id} />
      <ManagerPaneButton threadId={thread.id} />
      <button
        type="button"
        className="button small pane-cli-agent"
        aria-label={`Run a CLI agent in ${thread.title}`}
        title="Run a command-line agent (Claude Code, Codex, Aider…) in a new terminal"
        onClick={() => useDialogs.getState().show({ kind: 'run-cli-agent', threadId: thread.id })}
      >
        CLI agent…
      </button>
      <button
        type="button"
        className="icon-button pane-close"
        aria-label={`Close pane ${thread.title}`}
        title="Close pane (the thread keeps running)"
        onClick={onClose}
      >
        ×
      </button>
    </header>
  );
}
