import type { ITheme } from '@xterm/xterm';

/** Matches the app's dark palette (app/theme.css); ANSI colours tuned for contrast on #0f1115. */
export const TERMINAL_THEME: ITheme = {
  background: '#0f1115',
  foreground: '#d6dae2',
  cursor: '#8ab4ff',
  cursorAccent: '#0f1115',
  selectionBackground: '#2c3a55',
  black: '#1b1e25',
  red: '#ef6b73',
  green: '#7cc98f',
  yellow: '#e3c07b',
  blue: '#6ea8fe',
  magenta: '#c792ea',
  cyan: '#63c7d3',
  white: '#c9ced8',
  brightBlack: '#5c6370',
  brightRed: '#ff8a92',
  brightGreen: '#98dca9',
  brightYellow: '#f0d39a',
  brightBlue: '#94c0ff',
  brightMagenta: '#dbb0f5',
  brightCyan: '#8ad9e2',
  brightWhite: '#f2f4f8',
};

export const TERMINAL_FONT_FAMILY =
  'ui-monospace, "SF Mono", "Cascadia Mono", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';

export const TERMINAL_FONT_SIZE = 13;
export const TERMINAL_LINE_HEIGHT = 1.2;
