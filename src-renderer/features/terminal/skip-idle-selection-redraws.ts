import type { Terminal } from '@xterm/xterm';

type Cell = [number, number] | undefined;

interface RenderServiceLike {
  handleSelectionChanged(start: Cell, end: Cell, columnSelectMode: boolean): void;
}

function selects(start: Cell, end: Cell): boolean {
  return start !== undefined && end !== undefined && (start[0] !== end[0] || start[1] !== end[1]);
}

/**
 * xterm (6.0) asks for a selection redraw after every scroll (CoreBrowserTerminal: onScroll ->
 * SelectionService.refresh), and the DOM renderer answers a selection change by rendering every row
 * again. So a scrolling terminal renders all its rows twice per display frame; in a trace of
 * bench/terminal-echo the second, selection-only pass took more main-thread time than the real one.
 * With nothing selected before or now, that pass draws nothing new, so it is skipped. xterm has no
 * option for this: the render service's handler is wrapped on this instance. It is private API, so
 * if its shape differs (another xterm version) nothing is changed.
 * Call after `term.open`, which creates the render service. Returns whether it could.
 */
export function skipIdleSelectionRedraws(term: Pick<Terminal, 'options'>): boolean {
  const core = (term as unknown as { _core?: { _renderService?: Partial<RenderServiceLike> } })._core;
  const service = core?._renderService;
  const original = service?.handleSelectionChanged;
  if (!service || typeof original !== 'function') return false;
  let shown = false;
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    const now = selects(start, end);
    if (!now && !shown) return;
    shown = now;
    original.call(service, start, end, columnSelectMode);
  };
  return true;
}
