import { TERMINAL_FONT_FAMILY, TERMINAL_FONT_SIZE, TERMINAL_LINE_HEIGHT } from './terminal-theme';

/** Space the terminal does not get inside its panel: the canvas inset (layout.css) plus xterm's scrollbar. */
const HORIZONTAL_CHROME_PX = 14 + 14;
const VERTICAL_CHROME_PX = 10;
/** A monospace glyph is about 0.6 em wide; used only if canvas measuring is unavailable. */
const FALLBACK_CELL_WIDTH_EM = 0.6;
/** Font ascent + descent is about 1.2 em for the usual monospace fonts; xterm multiplies it by the line height. */
const GLYPH_HEIGHT_EM = 1.2;

let cellWidth: number | undefined;

function measureCellWidth(): number {
  if (cellWidth !== undefined) return cellWidth;
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return TERMINAL_FONT_SIZE * FALLBACK_CELL_WIDTH_EM;
  context.font = `${TERMINAL_FONT_SIZE}px ${TERMINAL_FONT_FAMILY}`;
  cellWidth = context.measureText('W'.repeat(50)).width / 50;
  return cellWidth;
}

/**
 * About how many columns and rows a terminal opened in this panel will have, so the shell starts at
 * its real width instead of the host's default and its first prompt does not get redrawn on resize.
 * The view sends the exact size once xterm has measured itself.
 */
export function estimateTerminalSize(panel: HTMLElement | null): { cols: number; rows: number } | undefined {
  if (!panel) return undefined;
  const { width, height } = panel.getBoundingClientRect();
  const cols = Math.floor((width - HORIZONTAL_CHROME_PX) / measureCellWidth());
  const rows = Math.floor(
    (height - VERTICAL_CHROME_PX) / Math.ceil(TERMINAL_FONT_SIZE * GLYPH_HEIGHT_EM * TERMINAL_LINE_HEIGHT),
  );
  if (cols < 10 || rows < 2) return undefined;
  return { cols: Math.min(cols, 1000), rows: Math.min(rows, 500) };
}
