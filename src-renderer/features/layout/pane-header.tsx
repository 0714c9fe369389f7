import type { Thread } from '../../../src-shared/contract';
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
      <ThreadStatusBadge status={thread.status} detail={thread.statusDetail} />
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
