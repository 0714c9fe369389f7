import { useEffect } from 'react';
import type { Terminal, Thread, ThreadStatus } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { useTerminals } from './terminals-slice';

/** States in which the worktree exists and a shell can start in it. */
const SHELL_READY: ReadonlySet<ThreadStatus> = new Set([
  'ready',
  'working',
  'waiting_approval',
  'done',
  'error',
  'setup_failed',
]);

/** Threads that already got their automatic first terminal on this page; closing it is respected. */
const autoOpened = new Set<string>();

/**
 * The terminals of a thread shown in a pane: fetched once per connection, kept current by
 * notifications; a ready thread with none gets one opened automatically.
 */
export function useThreadTerminals(
  thread: Thread,
  sizeHint: () => TerminalSize | undefined,
): Terminal[] | undefined {
  const client = useSession((s) => s.client);
  const terminals = useTerminals((s) => s.byThread[thread.id]);
  const threadId = thread.id;

  useEffect(() => {
    if (!client || terminals) return;
    let cancelled = false;
    client.api.terminal.list({ threadId }).then(
      (result) => {
        if (!cancelled) useTerminals.getState().setForThread(threadId, result.terminals);
      },
      (error: unknown) => {
        if (!cancelled) reportError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, terminals, threadId]);

  const canOpen = SHELL_READY.has(thread.status);
  useEffect(() => {
    if (!client || !terminals || terminals.length > 0 || !canOpen || autoOpened.has(threadId)) return;
    autoOpened.add(threadId);
    void openTerminal(threadId, sizeHint());
  }, [client, terminals, canOpen, threadId, sizeHint]);

  return terminals;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export async function openTerminal(threadId: string, size?: TerminalSize): Promise<void> {
  const client = useSession.getState().client;
  if (!client) return;
  try {
    const terminal = await client.api.terminal.open({ threadId, ...size });
    const store = useTerminals.getState();
    store.upsert(terminal);
    store.setActive(threadId, terminal.id);
  } catch (error) {
    reportError(error);
  }
}
