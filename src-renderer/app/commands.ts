import { usePaneViews } from '../features/layout/pane-views-slice';
import { usePanes } from '../features/layout/panes-slice';
import { sortProjects, useProjects } from '../features/projects/projects-slice';
import { openTerminal } from '../features/terminal/use-thread-terminals';
import { liveThreadsInOrder, useThreads } from '../features/threads/threads-slice';
import { useDialogs } from './dialogs-slice';

/** Actions shared by keyboard shortcuts and the command palette. */

export function focusedThreadId(): string | undefined {
  const { panes, focused } = usePanes.getState();
  return panes[focused];
}

/** New thread in the focused thread's project, else the first project; no project yet: add one. */
export function startNewThread(): void {
  const threadId = focusedThreadId();
  const projectId =
    (threadId && useThreads.getState().byId[threadId]?.projectId) ??
    sortProjects(useProjects.getState().byId)[0]?.id;
  useDialogs.getState().show(projectId ? { kind: 'new-thread', projectId } : { kind: 'add-project' });
}

/** Moves the focused pane to the next (1) or previous (-1) live thread in sidebar order. */
export function stepThread(delta: 1 | -1): void {
  const ordered = liveThreadsInOrder(sortProjects(useProjects.getState().byId), useThreads.getState().byId);
  if (ordered.length === 0) return;
  const current = ordered.findIndex((t) => t.id === focusedThreadId());
  const next = ordered[(current + delta + ordered.length) % ordered.length];
  if (next) usePanes.getState().open(next.id);
}

export function focusPane(index: number): void {
  usePanes.getState().focus(index);
}

export function newTerminalInFocusedThread(): void {
  const threadId = focusedThreadId();
  if (!threadId) return;
  usePaneViews.getState().show(threadId, 'terminal');
  void openTerminal(threadId);
}
