import { useCallback, useEffect, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import { RpcError, type Terminal } from '../../../src-shared/contract';
import { terminalGpuEnabled } from '../../lib/preferences';
import { useSession } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { outputPacer } from './output-pacer';
import { TerminalSearch } from './terminal-search';
import { useTerminalConnection } from './use-terminal-connection';
import { XtermSession } from './xterm-session';

interface TerminalViewProps {
  terminal: Terminal;
  /** e.g. "Terminal 1 of Fix login": names the region and the input. */
  label: string;
  /** The terminal the user is working in: it gets keyboard focus and the GPU renderer. */
  focused: boolean;
}

function sendInput(terminalId: string, data: string): void {
  const client = useSession.getState().client;
  if (!client) return;
  outputPacer.noteInput();
  client.api.terminal.input({ terminalId, data }).catch((error: unknown) => {
    // Typing into a finished shell is expected; the tab already says it exited.
    if (!(error instanceof RpcError && error.kind === 'TERMINAL_EXITED')) reportError(error);
  });
}

export function TerminalView({ terminal, label, focused }: TerminalViewProps) {
  const [session, setSession] = useState<XtermSession | null>(null);
  const [searching, setSearching] = useState(false);
  const client = useSession((s) => s.client);
  const terminalId = terminal.id;

  // The xterm instance lives exactly as long as its container element.
  const mountXterm = useCallback(
    (container: HTMLDivElement | null) => {
      if (!container) return;
      const created = new XtermSession(container, {
        inputLabel: 'Terminal input',
        onInput: (data) => sendInput(terminalId, data),
        onFindRequested: () => setSearching(true),
      });
      setSession(created);
      return () => {
        setSession(null);
        created.dispose();
      };
    },
    [terminalId],
  );

  useEffect(() => {
    session?.term.textarea?.setAttribute('aria-label', `Input of ${label}`);
  }, [session, label]);

  useEffect(() => {
    if (!session) return;
    session.setGpu(focused && terminalGpuEnabled());
    if (focused && !searching) session.focus();
  }, [session, focused, searching]);

  useTerminalConnection(session, client, terminalId, focused);

  return (
    <div className="terminal-view" role="region" aria-label={label} data-terminal-id={terminalId}>
      <div className="terminal-canvas" ref={mountXterm} />
      {searching && session && <TerminalSearch session={session} onClose={() => setSearching(false)} />}
    </div>
  );
}
