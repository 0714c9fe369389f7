import type { Terminal } from '../../../src-shared/contract';

/** The tab's text: the host's title when it set one, else "Terminal n" by position. */
export function terminalTabName(terminal: Terminal, index: number): string {
  return terminal.title.trim() || `Terminal ${index + 1}`;
}

/** Names the terminal's region and input, unique across panes. */
export function terminalRegionName(index: number, threadTitle: string): string {
  return `Terminal ${index + 1} of ${threadTitle}`;
}
