import { useEffect, useRef } from 'react';
import type { RpcClient } from '../../../src-shared/contract';
import { reportError } from '../notices/notices-slice';
import { AckBatcher } from './ack-batcher';
import { outputPacer, type OutputFeed } from './output-pacer';
import { listenToTerminal } from './terminal-data-hub';
import { useTerminals } from './terminals-slice';
import type { XtermSession } from './xterm-session';

/** Drag-resizing a pane fires many observations; the pty needs only the size the user settles on. */
const RESIZE_DEBOUNCE_MS = 80;

const ignore = () => undefined;

/**
 * Attaches a view to a host terminal on this connection: replays the screen, streams
 * `terminal/data` (paced unless the view is `foreground`, see output-pacer.ts) with acks after each
 * chunk is parsed, and keeps the pty sized to the view. A new client (reconnect, host restart) re-runs
 * it, which attaches again from the screen.
 */
export function useTerminalConnection(
  session: XtermSession | null,
  client: RpcClient | null,
  terminalId: string,
  foreground: boolean,
): void {
  const feedRef = useRef<OutputFeed | null>(null);
  const foregroundRef = useRef(foreground);

  // Declared first, so on a commit that changes both it runs before the attach effect reads the ref.
  useEffect(() => {
    foregroundRef.current = foreground;
    feedRef.current?.setForeground(foreground);
  }, [foreground]);

  useEffect(() => {
    if (!session || !client) return;
    let cancelled = false;
    let attached = false;
    let lastSize = '';
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const early: string[] = [];
    const acks = new AckBatcher((chars) => void client.api.terminal.ack({ terminalId, chars }).catch(ignore));
    const feed = outputPacer.open(
      (data, parsed) => session.write(data, parsed),
      (chars) => acks.add(chars),
    );
    feed.setForeground(foregroundRef.current);
    feedRef.current = feed;
    // Listen before attaching: output produced between the host's snapshot and its reply is not lost.
    const stopListening = listenToTerminal(terminalId, (data) =>
      attached ? feed.push(data) : early.push(data),
    );

    const sendSize = () => {
      const size = session.fit();
      if (!size || cancelled) return;
      const key = `${size.cols}x${size.rows}`;
      if (key === lastSize) return;
      lastSize = key;
      void client.api.terminal.resize({ terminalId, ...size }).catch(ignore);
    };
    const scheduleSize = () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(sendSize, RESIZE_DEBOUNCE_MS);
    };
    const observer = new ResizeObserver(scheduleSize);
    observer.observe(session.container);
    const stopWatchingRenderer = session.onRendererChanged(scheduleSize);
    session.fit();

    client.api.terminal.attach({ terminalId }).then(
      ({ terminal, screen }) => {
        if (cancelled) return;
        useTerminals.getState().upsert(terminal);
        session.reset();
        session.write(screen);
        attached = true;
        for (const data of early.splice(0)) feed.push(data);
        sendSize();
      },
      (error: unknown) => {
        if (!cancelled) reportError(error);
      },
    );

    return () => {
      cancelled = true;
      stopListening();
      observer.disconnect();
      stopWatchingRenderer();
      clearTimeout(resizeTimer);
      feed.dispose();
      if (feedRef.current === feed) feedRef.current = null;
      acks.dispose();
      void client.api.terminal.detach({ terminalId }).catch(ignore);
    };
  }, [session, client, terminalId]);
}
