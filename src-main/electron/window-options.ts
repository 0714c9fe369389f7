import type { BrowserWindowConstructorOptions } from 'electron';

/** Big enough for a thread list, a transcript and a terminal side by side on a 13" laptop. */
const DEFAULT_WIDTH = 1400;
const DEFAULT_HEIGHT = 900;
const MIN_WIDTH = 800;
const MIN_HEIGHT = 500;
/** Matches the renderer's dark background so no white flash shows before the first paint. */
const BACKGROUND_COLOR = '#1e1e1e';

/**
 * Options for the main window. Every security-relevant webPreference is written out, even where it
 * equals Electron's default, so a reader (and a test) sees the whole policy and a changed default cannot weaken it.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Skein',
    backgroundColor: BACKGROUND_COLOR,
    // Shown on 'ready-to-show' to avoid a blank window while the renderer loads.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}
