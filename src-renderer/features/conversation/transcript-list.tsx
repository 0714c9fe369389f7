import { Fragment, useState, type ReactNode } from 'react';
import { useConversation } from './conversation-slice';
import { ItemView } from './item-view';
import { TurnFooter } from './turn-footer';
import { useStickToBottom } from './use-stick-to-bottom';

/**
 * Items rendered at first, and added per "Show earlier": a long transcript (thousands of items)
 * mounts only its tail. 150 items fill several screens of the tallest pane.
 */
const ITEM_WINDOW = 150;

interface TranscriptListProps {
  threadId: string;
  threadTitle: string;
  /** Shown when there are no items yet. */
  empty: ReactNode;
  /** After the items: pending approvals, the working indicator. */
  tail: ReactNode;
}

/** The scrolling transcript: windowed, following new output while the reader is at the end. */
export function TranscriptList({ threadId, threadTitle, empty, tail }: TranscriptListProps) {
  const order = useConversation((s) => s.byThread[threadId]?.order);
  const itemTurn = useConversation((s) => s.byThread[threadId]?.itemTurn);
  const [windowSize, setWindowSize] = useState(ITEM_WINDOW);
  const { scroller, content, onScroll, scrollToEnd, keepPosition, behind } = useStickToBottom();

  const ids = order ?? [];
  const hidden = Math.max(0, ids.length - windowSize);
  const visible = hidden > 0 ? ids.slice(hidden) : ids;

  const showEarlier = () => {
    keepPosition();
    setWindowSize((size) => size + ITEM_WINDOW);
  };

  return (
    <div className="transcript-frame">
      <div
        ref={scroller}
        className="transcript-scroll"
        role="log"
        aria-label={`Conversation of ${threadTitle}`}
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        <div ref={content} className="transcript">
          {hidden > 0 && (
            <button type="button" className="link-button show-earlier" onClick={showEarlier}>
              Show earlier items ({hidden} more)
            </button>
          )}
          {ids.length === 0 && empty}
          {visible.map((id, index) => {
            const turnId = itemTurn?.[id];
            const nextId = visible[index + 1];
            const endsTurn = turnId !== undefined && (nextId === undefined || itemTurn?.[nextId] !== turnId);
            return (
              <Fragment key={id}>
                <ItemView threadId={threadId} itemId={id} />
                {endsTurn && <TurnFooter threadId={threadId} turnId={turnId} isLast={nextId === undefined} />}
              </Fragment>
            );
          })}
          {tail}
        </div>
      </div>
      {behind && (
        <button type="button" className="button small jump-latest" onClick={scrollToEnd}>
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
