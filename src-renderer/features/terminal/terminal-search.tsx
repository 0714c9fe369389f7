import { useState, type KeyboardEvent } from 'react';
import type { XtermSession } from './xterm-session';

/** The find box over a terminal (Ctrl/Cmd+F): Enter finds the next match, Shift+Enter the previous. */
export function TerminalSearch({ session, onClose }: { session: XtermSession; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);

  const find = (direction: 'next' | 'previous', term = query, incremental = false) => {
    if (term === '') return setMissing(false);
    const found =
      direction === 'next'
        ? session.search.findNext(term, { incremental })
        : session.search.findPrevious(term);
    setMissing(!found);
  };

  const close = () => {
    session.search.clearDecorations();
    session.term.clearSelection();
    onClose();
    session.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') find(event.shiftKey ? 'previous' : 'next');
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="terminal-search" role="search" aria-label="Find in terminal">
      <input
        className={missing ? 'text-input compact missing' : 'text-input compact'}
        aria-label="Find in terminal"
        placeholder="Find"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          find('next', event.target.value, true);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="sr-only" aria-live="polite">
        {missing ? 'No match' : ''}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        onClick={() => find('previous')}
      >
        ↑
      </button>
      <button type="button" className="icon-button" aria-label="Next match" onClick={() => find('next')}>
        ↓
      </button>
      <button type="button" className="icon-button" aria-label="Close find" onClick={close}>
        ×
      </button>
    </div>
  );
}
