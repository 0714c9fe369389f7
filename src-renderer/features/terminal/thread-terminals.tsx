import { useCallback, useId, useRef, type ReactNode } from 'react';
import type { Terminal, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { CliAgentTerminalBar } from '../cli-agents/cli-agent-status';
import { estimateTerminalSize } from './terminal-size-hint';
import { TerminalTabs } from './terminal-tabs';
import { terminalRegionName, terminalTabName } from './terminal-names';
import { TerminalView } from './terminal-view';
import { activeTerminal, useTerminals } from './terminals-slice';
import { openTerminal, useThreadTerminals } from './use-thread-terminals';

async function restart(terminalId: string): Promise<void> {
  try {
    useTerminals.getState().upsert(await requireClient().api.terminal.restart({ terminalId }));
  } catch (error) {
    reportError(error);
  }
}

function ExitedBar({ terminal, name }: { terminal: Terminal; name: string }) {
  return (
    <div className="exited-bar" role="status">
      <span>Process exited{terminal.exitCode === null ? '' : ` with code ${terminal.exitCode}`}.</span>
      <button
        type="button"
        className="button small"
        aria-label={`Restart ${name}`}
        onClick={() => void restart(terminal.id)}
      >
        Restart
      </button>
    </div>
  );
}

/** A view shown in the same tab strip before the terminals (the pane's conversation, its review). */
export interface LeadingView {
  name: string;
  selected: boolean;
  onSelect: () => void;
  /** Called when a terminal tab is chosen or a terminal opened, so the pane switches to terminals. */
  onSelectTerminal: () => void;
  content: ReactNode;
}

interface ThreadTerminalsProps {
  thread: Thread;
  focused: boolean;
  leadingViews?: readonly LeadingView[];
}

/** A thread's terminal tabs and the selected terminal (or the leading view, when it is selected). */
export function ThreadTerminals({ thread, focused, leadingViews = [] }: ThreadTerminalsProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const sizeHint = useCallback(() => estimateTerminalSize(panelRef.current), []);
  const terminals = useThreadTerminals(thread, sizeHint);
  const selectedId = useTerminals((s) => s.activeByThread[thread.id]);
  const panelId = useId();
  const tabPrefix = useId();
  const tabId = (terminalId: string) => `${tabPrefix}-${terminalId}`;

  const leadingView = leadingViews.find((view) => view.selected);
  const leadingSelected = leadingView !== undefined;
  if (!terminals && !leadingSelected) return <p className="pane-empty">Loading terminals…</p>;
  const list = terminals ?? [];
  const active = activeTerminal(list, selectedId);
  const index = active ? list.indexOf(active) : -1;
  const leadingTabId = (position: number) => `${tabPrefix}-leading-${position}`;
  const selectedLeadingIndex = leadingView ? leadingViews.indexOf(leadingView) : -1;
  const onSelectTerminal = leadingViews[0]?.onSelectTerminal;
  const newTerminal = () => {
    onSelectTerminal?.();
    void openTerminal(thread.id, sizeHint());
  };

  return (
    <div className="thread-terminals">
      <TerminalTabs
        threadId={thread.id}
        threadTitle={thread.title}
        terminals={list}
        activeId={active?.id}
        tabId={tabId}
        panelId={panelId}
        onNewTerminal={newTerminal}
        terminalSelected={!leadingSelected}
        onSelectTerminal={onSelectTerminal}
        leadingTabs={
          leadingViews.length > 0 &&
          leadingViews.map((view, index) => (
            <div key={view.name} className={view.selected ? 'tab selected' : 'tab'}>
              <button
                type="button"
                role="tab"
                id={leadingTabId(index)}
                aria-selected={view.selected}
                aria-controls={view.selected ? panelId : undefined}
                tabIndex={view.selected ? 0 : -1}
                className="tab-button leading-tab"
                onClick={view.onSelect}
              >
                {view.name}
              </button>
            </div>
          ))
        }
      />
      <div
        ref={panelRef}
        className={leadingSelected ? 'terminal-panel leading-panel' : 'terminal-panel'}
        role="tabpanel"
        id={panelId}
        aria-labelledby={
          leadingSelected ? leadingTabId(selectedLeadingIndex) : active ? tabId(active.id) : undefined
        }
        aria-label={leadingSelected || active ? undefined : `Terminals of ${thread.title}`}
      >
        {leadingSelected ? (
          leadingView?.content
        ) : !terminals ? (
          <p className="pane-empty">Loading terminals…</p>
        ) : active ? (
          <>
            <CliAgentTerminalBar terminalId={active.id} />
            <TerminalView
              key={active.id}
              terminal={active}
              label={terminalRegionName(index, thread.title)}
              focused={focused}
            />
            {active.status === 'exited' && (
              <ExitedBar terminal={active} name={terminalTabName(active, index)} />
            )}
          </>
        ) : thread.status === 'creating' || thread.status === 'setting_up' ? (
          <p className="pane-empty">Preparing the worktree…</p>
        ) : (
          <div className="pane-empty">
            <p>No terminals open.</p>
            <button type="button" className="button" onClick={newTerminal}>
              Open a terminal
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
