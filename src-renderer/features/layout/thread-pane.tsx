import { useId } from 'react';
import { ConversationView } from '../conversation/conversation-view';
import { ReviewView } from '../review/review-view';
import { ThreadTerminals } from '../terminal/thread-terminals';
import { TraceView } from '../traces/trace-view';
import { useThreads } from '../threads/threads-slice';
import { PaneHeader } from './pane-header';
import { paneViewOf, usePaneViews } from './pane-views-slice';
import { usePanes } from './panes-slice';

/** One thread in the main area: header, then tabs for its conversation, its review and its terminals. */
export function ThreadPane({ threadId, index }: { threadId: string; index: number }) {
  const thread = useThreads((s) => s.byId[threadId]);
  const focused = usePanes((s) => s.focused === index);
  const view = usePaneViews((s) => paneViewOf(s.byThread, threadId));
  const headingId = useId();
  if (!thread) return null;

  const showTerminal = () => usePaneViews.getState().show(threadId, 'terminal');
  const focusThisPane = () => {
    if (usePanes.getState().focused !== index) usePanes.getState().focus(index);
  };

  return (
    <section
      className={focused ? 'pane focused' : 'pane'}
      aria-labelledby={headingId}
      onFocusCapture={focusThisPane}
      onMouseDownCapture={focusThisPane}
    >
      <PaneHeader
        thread={thread}
        headingId={headingId}
        index={index}
        onClose={() => usePanes.getState().close(index)}
      />
      {thread.statusDetail &&
        (thread.status === 'error' || thread.status === 'setup_failed' || thread.status === 'missing') && (
          <p className="pane-detail" role="status">
            {thread.statusDetail}
          </p>
        )}
      <ThreadTerminals
        thread={thread}
        focused={focused}
        leadingViews={[
          {
            name: 'Conversation',
            selected: view === 'conversation',
            onSelect: () => usePaneViews.getState().show(threadId, 'conversation'),
            onSelectTerminal: showTerminal,
            content: <ConversationView thread={thread} />,
          },
          {
            name: 'Review',
            selected: view === 'review',
            onSelect: () => usePaneViews.getState().show(threadId, 'review'),
            onSelectTerminal: showTerminal,
            content: <ReviewView thread={thread} />,
          },
          {
            name: 'Trace',
            selected: view === 'trace',
            onSelect: () => usePaneViews.getState().show(threadId, 'trace'),
            onSelectTerminal: showTerminal,
            content: <TraceView thread={thread} />,
          },
        ]}
      />
    </section>
  );
}
