import type { CliAgent, Terminal } from '../../../src-shared/contract';
import { paneViewOf, usePaneViews } from '../layout/pane-views-slice';
import { usePanes } from '../layout/panes-slice';
import { activeTerminal, useTerminals } from '../terminal/terminals-slice';

/** Brings a thread's terminal to the front: the thread in a pane (focused), its terminals shown, that tab selected. */
export function showAgentTerminal(threadId: string, terminalId: string, terminal?: Terminal): void {
  const terminals = useTerminals.getState();
  if (terminal) terminals.upsert(terminal);
  terminals.setActive(threadId, terminalId);
  usePaneViews.getState().show(threadId, 'terminal');
  usePanes.getState().open(threadId);
}

/** Whether the person is looking at this agent's terminal right now (then a notification is noise). */
export function isWatchingAgent(agent: CliAgent): boolean {
  if (typeof document === 'undefined' || document.visibilityState !== 'visible' || !document.hasFocus()) {
    return false;
  }
  const { panes, focused } = usePanes.getState();
  if (panes[focused] !== agent.threadId) return false;
  if (paneViewOf(usePaneViews.getState().byThread, agent.threadId) !== 'terminal') return false;
  const { byThread, activeByThread } = useTerminals.getState();
  const list = byThread[agent.threadId];
  return list !== undefined && activeTerminal(list, activeByThread[agent.threadId])?.id === agent.terminalId;
}
