/**
 * Chromium features the window runs without, as command-line switches (applied by main.ts before
 * the app is ready; bench/support/bench-chromium.ts starts its Chromium with the same ones, so the
 * terminal benchmarks measure the window the desktop app opens).
 *
 * DeferRendererTasksAfterInput: after a key, Chromium holds the page's other tasks, network
 * messages included, until the frame that answers the key has been painted. That suits pages that
 * answer keys themselves. A terminal's answer is the shell's echo, which arrives over the host's
 * socket 1-3 ms after the key: held back, it missed that frame and waited for the next one. In
 * bench/terminal-echo (no floods) echo p50 / p99 fell from 30 / 38 ms to 13 / 23 ms without it.
 * A browser on `skein serve` keeps its own defaults.
 */
export const DISABLED_CHROMIUM_FEATURES = ['DeferRendererTasksAfterInput'] as const;

export function chromiumSwitches(): Array<[name: string, value: string]> {
  return [['disable-features', DISABLED_CHROMIUM_FEATURES.join(',')]];
}
