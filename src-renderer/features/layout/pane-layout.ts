/** Side-by-side threads; more than four get too narrow for a terminal on a laptop screen. */
export const MAX_PANES = 4;

/** Which thread each pane shows (left to right) and which pane has focus. Pure transitions below. */
export interface PaneLayout {
  panes: string[];
  focused: number;
}

function clampFocus(focused: number, count: number): number {
  return Math.max(0, Math.min(focused, count - 1));
}

/** Shows the thread in the focused pane, or focuses the pane that already shows it. */
export function openInFocused(layout: PaneLayout, threadId: string): PaneLayout {
  const existing = layout.panes.indexOf(threadId);
  if (existing >= 0) return { ...layout, focused: existing };
  if (layout.panes.length === 0) return { panes: [threadId], focused: 0 };
  const index = clampFocus(layout.focused, layout.panes.length);
  return { panes: layout.panes.map((id, i) => (i === index ? threadId : id)), focused: index };
}

/** Shows the thread in a new pane right of the focused one; with every pane in use, replaces the focused one. */
export function openBeside(layout: PaneLayout, threadId: string): PaneLayout {
  const existing = layout.panes.indexOf(threadId);
  if (existing >= 0) return { ...layout, focused: existing };
  if (layout.panes.length >= MAX_PANES) return openInFocused(layout, threadId);
  const at = Math.min(layout.focused + 1, layout.panes.length);
  return { panes: [...layout.panes.slice(0, at), threadId, ...layout.panes.slice(at)], focused: at };
}

/**
 * Replaces the panes with these threads side by side (a manager's workers), the first focused; past
 * MAX_PANES the rest are left out. Nothing to show keeps the layout as it is.
 */
export function showSideBySide(layout: PaneLayout, threadIds: readonly string[]): PaneLayout {
  const panes = [...new Set(threadIds)].slice(0, MAX_PANES);
  if (panes.length === 0) return layout;
  return { panes, focused: 0 };
}

export function closePane(layout: PaneLayout, index: number): PaneLayout {
  const panes = layout.panes.filter((_, i) => i !== index);
  const focused = layout.focused > index ? layout.focused - 1 : layout.focused;
  return { panes, focused: clampFocus(focused, panes.length) };
}

/** Drops panes whose thread is gone (deleted, archived); keeps the layout object when nothing changed. */
export function keepThreads(layout: PaneLayout, threadIds: ReadonlySet<string>): PaneLayout {
  const panes = layout.panes.filter((id) => threadIds.has(id));
  if (panes.length === layout.panes.length) return layout;
  return { panes, focused: clampFocus(layout.focused, panes.length) };
}
