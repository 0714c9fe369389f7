import { type KeyboardEvent } from 'react';
import type { Terminal } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { terminalTabName } from './terminal-names';
import { useTerminals } from './terminals-slice';

interface TerminalTabsProps {
  threadId: string;
  threadTitle: string;
  terminals: Terminal[];
  activeId: string | undefined;
  tabId: (terminalId: string) => string;
  panelId: string;
  onNewTerminal: () => void;
}

export function TerminalTabs(props: TerminalTabsProps) {
  const { threadId, threadTitle, terminals, activeId, tabId, panelId, onNewTerminal } = props;
  const show = useDialogs((s) => s.show);
  const select = (terminalId: string) => useTerminals.getState().setActive(threadId, terminalId);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = terminals.findIndex((t) => t.id === activeId);
    const next =
      terminals[(index + (event.key === 'ArrowRight' ? 1 : -1) + terminals.length) % terminals.length];
    if (!next) return;
    event.preventDefault();
    select(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };

  return (
    <div className="tab-strip">
      <div role="tablist" aria-label={`Terminals of ${threadTitle}`} className="tabs" onKeyDown={onKeyDown}>
        {terminals.map((terminal, index) => {
          const name = terminalTabName(terminal, index);
          const selected = terminal.id === activeId;
          return (
            <div key={terminal.id} className={selected ? 'tab selected' : 'tab'}>
              <button
                type="button"
                role="tab"
                id={tabId(terminal.id)}
                aria-selected={selected}
                aria-controls={selected ? panelId : undefined}
                tabIndex={selected ? 0 : -1}
                className="tab-button"
                onClick={() => select(terminal.id)}
              >
                {name}
                {terminal.status === 'exited' && <span className="tab-exited"> (exited)</span>}
              </button>
              <button
                type="button"
                className="tab-close"
                aria-label={`Close ${name}`}
                title="Close terminal"
                onClick={() => show({ kind: 'close-terminal', terminalId: terminal.id, threadId })}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="tab-new"
        aria-label="New terminal"
        title="New terminal"
        onClick={onNewTerminal}
      >
        + New terminal
      </button>
    </div>
  );
}
