/** Per-browser preferences kept in localStorage (they describe this machine, not the project). */
const GPU_KEY = 'skein.terminal.gpu';

/** WebGL rendering for the focused terminal; off draws with the DOM (slower, but works everywhere). */
export function terminalGpuEnabled(): boolean {
  try {
    return localStorage.getItem(GPU_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setTerminalGpuEnabled(enabled: boolean): void {
  try {
    localStorage.setItem(GPU_KEY, enabled ? 'on' : 'off');
  } catch {
    // Storage can be disabled (private mode); the preference then lasts only for this page.
  }
}
