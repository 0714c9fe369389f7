import { useId } from 'react';
import { ThreadTerminals } from '../terminal/thread-terminals';
import { useThreads } from '../threads/threads-slice';
import { PaneHeader } from './pane-header';
import { usePanes } from './panes-slice';

/** One thread in the main area: header, terminal tabs and the selected terminal. */
export function ThreadPane({ threadId, index }: { threadId: string; index: number }) {
  const thread = useThreads((s) => s.byId[threadId]);
  const focused = usePanes((s) => s.focused === index);
  const headingId = useId();
  if (!thread) return null;

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
      <ThreadTerminals thread={thread} focused={focused} />
    </section>
  );
}
