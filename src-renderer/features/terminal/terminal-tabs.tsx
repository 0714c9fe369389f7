import { type KeyboardEvent, type ReactNode } from 'react';
import type { Terminal } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { TerminalTabAgentStatus } from '../cli-agents/cli-agent-status';
import { agentOfTerminal, useCliAgents } from '../cli-agents/cli-agents-slice';
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
  /** Tabs before the terminals' (the pane's Conversation tab). */
  leadingTabs?: ReactNode;
  /** False while a leading tab is selected: then no terminal tab is. */
  terminalSelected?: boolean;
  onSelectTerminal?: (terminalId: string) => void;
}

export function TerminalTabs(props: TerminalTabsProps) {
  const { threadId, threadTitle, terminals, activeId, tabId, panelId, onNewTerminal } = props;
  const { leadingTabs, terminalSelected = true, onSelectTerminal } = props;
  const show = useDialogs((s) => s.show);
  const agents = useCliAgents((s) => s.byId);
  const select = (terminalId: string) => {
    useTerminals.getState().setActive(threadId, terminalId);
    onSelectTerminal?.(terminalId);
  };

  // Arrow keys move between every tab in the strip, leading ones included (the ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const tabs = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const index = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length];
    if (!next) return;
    event.preventDefault();
    next.click();
    next.focus();
  };

  return (
    <div className="tab-strip">
      <div
        role="tablist"
        aria-label={leadingTabs ? `Views of ${threadTitle}` : `Terminals of ${threadTitle}`}
        className="tabs"
        onKeyDown={onKeyDown}
      >
        {leadingTabs}
        {terminals.map((terminal, index) => {
          const name = terminalTabName(terminal, index);
          const selected = terminalSelected && terminal.id === activeId;
          // A CLI agent's tab shows the agent's status (its "Exited N" included) instead.
          const agent = agentOfTerminal(agents, terminal.id);
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
                {agent ? (
                  <TerminalTabAgentStatus agent={agent} />
                ) : (
                  terminal.status === 'exited' && <span className="tab-exited"> (exited)</span>
                )}
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
