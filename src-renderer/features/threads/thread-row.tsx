import { useId, useState, type MouseEvent, type ReactNode } from 'react';
import type { Thread } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { BudgetBadge } from '../budgets/budget-badge';
import { ThreadRowAgents } from '../cli-agents/cli-agent-status';
import { ConflictBadge } from '../conflicts/conflict-badge';
import { Menu, type MenuItem } from '../../app/ui/menu';
import { usePanes } from '../layout/panes-slice';
import { archiveThread } from './thread-actions';
import { ThreadStatusBadge } from './thread-status';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `badge`: a note beside the status, e.g. a worker's state under its manager. */
export function ThreadRow({ thread, badge }: { thread: Thread; badge?: ReactNode }) {
  const titleId = useId();
  const metaId = useId();
  const agentsId = useId();
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const paneIndex = usePanes((s) => s.panes.indexOf(thread.id));
  const focused = usePanes((s) => s.panes[s.focused] === thread.id);
  const show = useDialogs((s) => s.show);

  const open = (event: MouseEvent) => {
    const beside = isMac ? event.metaKey : event.ctrlKey;
    if (beside) usePanes.getState().openBeside(thread.id);
    else usePanes.getState().open(thread.id);
  };

  const items: MenuItem[] = [
    { label: 'Open', onSelect: () => usePanes.getState().open(thread.id) },
    { label: 'Open beside', onSelect: () => usePanes.getState().openBeside(thread.id) },
    { label: 'Run a CLI agent…', onSelect: () => show({ kind: 'run-cli-agent', threadId: thread.id }) },
    { label: 'Rename…', onSelect: () => show({ kind: 'rename-thread', threadId: thread.id }) },
    { label: 'Archive', onSelect: () => void archiveThread(thread.id) },
    { label: 'Delete…', danger: true, onSelect: () => show({ kind: 'delete-thread', threadId: thread.id }) },
  ];

  const className = ['thread-row', paneIndex >= 0 ? 'is-open' : '', focused ? 'is-focused' : ''].join(' ');
  return (
    <li
      className={className}
      onContextMenu={(event) => {
        event.preventDefault();
        setMenuAt({ x: event.clientX, y: event.clientY });
      }}
    >
      <button
        type="button"
        className="thread-open"
        aria-labelledby={titleId}
        aria-describedby={`${metaId} ${agentsId}`}
        aria-current={focused ? 'true' : undefined}
        onClick={open}
      >
        <span id={titleId} className="thread-title">
          {thread.title}
        </span>
        <span id={metaId} className="thread-meta">
          <ThreadStatusBadge status={thread.status} detail={thread.statusDetail} />
          {badge}
          <span className="thread-branch mono">{thread.branch}</span>
        </span>
        <ThreadRowAgents id={agentsId} threadId={thread.id} />
      </button>
      <ConflictBadge thread={thread} />
      <BudgetBadge threadId={thread.id} />
      <button
        type="button"
        className="icon-button row-action"
        aria-label={`Actions for ${thread.title}`}
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
          label={`Actions for ${thread.title}`}
          items={items}
          at={menuAt}
          onClose={() => setMenuAt(null)}
        />
      )}
    </li>
  );
}
