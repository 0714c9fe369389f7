import { useCallback, useId, useRef } from 'react';
import type { Terminal, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
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

/** A thread's terminal tabs and the selected terminal. */
export function ThreadTerminals({ thread, focused }: { thread: Thread; focused: boolean }) {
  const panelRef = useRef<HTMLDivElement>(null);
  const sizeHint = useCallback(() => estimateTerminalSize(panelRef.current), []);
  const terminals = useThreadTerminals(thread, sizeHint);
  const selectedId = useTerminals((s) => s.activeByThread[thread.id]);
  const panelId = useId();
  const tabPrefix = useId();
  const tabId = (terminalId: string) => `${tabPrefix}-${terminalId}`;

  if (!terminals) return <p className="pane-empty">Loading terminals…</p>;
  const active = activeTerminal(terminals, selectedId);
  const index = active ? terminals.indexOf(active) : -1;

  return (
    <div className="thread-terminals">
      <TerminalTabs
        threadId={thread.id}
        threadTitle={thread.title}
        terminals={terminals}
        activeId={active?.id}
        tabId={tabId}
        panelId={panelId}
        onNewTerminal={() => void openTerminal(thread.id, sizeHint())}
      />
      <div
        ref={panelRef}
        className="terminal-panel"
        role="tabpanel"
        id={panelId}
        aria-labelledby={active ? tabId(active.id) : undefined}
        aria-label={active ? undefined : `Terminals of ${thread.title}`}
      >
        {active ? (
          <>
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
            <button type="button" className="button" onClick={() => void openTerminal(thread.id, sizeHint())}>
              Open a terminal
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
