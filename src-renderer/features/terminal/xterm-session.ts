import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { isMacPlatform, shortcutFor } from '../../lib/keymap';
import { IdleCursorBlink } from './idle-cursor-blink';
import { skipIdleSelectionRedraws } from './skip-idle-selection-redraws';
import {
  TERMINAL_FONT_FAMILY,
  TERMINAL_FONT_SIZE,
  TERMINAL_LINE_HEIGHT,
  TERMINAL_THEME,
} from './terminal-theme';

export interface XtermSessionOptions {
  /** Accessible name of xterm's input textarea. */
  inputLabel: string;
  onInput: (data: string) => void;
  onFindRequested: () => void;
}

/** Lines kept locally; the host holds the authoritative scrollback and replays it on attach. */
const LOCAL_SCROLLBACK_LINES = 10_000;

/** WebGL failed once on this page (no GPU, blocklisted driver): stay on the DOM renderer. */
let webglUnavailable = false;

/** One xterm.js instance with its addons; knows nothing about the host. */
export class XtermSession {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fitAddon = new FitAddon();
  private webgl: WebglAddon | null = null;
  private wantGpu = false;
  private loadingGpu = false;
  private disposed = false;
  private readonly rendererListeners = new Set<() => void>();
  private readonly blink: IdleCursorBlink;

  constructor(
    readonly container: HTMLElement,
    options: XtermSessionOptions,
  ) {
    this.term = new Terminal({
      fontFamily: TERMINAL_FONT_FAMILY,
      fontSize: TERMINAL_FONT_SIZE,
      lineHeight: TERMINAL_LINE_HEIGHT,
      // Blinks while the user types; see IdleCursorBlink.
      cursorBlink: false,
      scrollback: LOCAL_SCROLLBACK_LINES,
      theme: TERMINAL_THEME,
      macOptionIsMeta: true,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.search);
    // Electron routes window.open to the external browser; in a browser it opens a tab.
    this.term.loadAddon(
      new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')),
    );
    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event, options));
    this.blink = new IdleCursorBlink((blink) => {
      this.term.options.cursorBlink = blink;
    });
    this.term.onData((data) => {
      this.blink.activity();
      options.onInput(data);
    });
    this.term.open(container);
    this.term.textarea?.addEventListener('focus', () => this.blink.activity());
    skipIdleSelectionRedraws(this.term);
    this.term.textarea?.setAttribute('aria-label', options.inputLabel);
  }

  /** Returns false for keys the app (not the shell) handles, so xterm leaves them alone. */
  private handleKey(event: KeyboardEvent, options: XtermSessionOptions): boolean {
    if (event.type !== 'keydown') return true;
    const mod = isMacPlatform ? event.metaKey : event.ctrlKey;
    const key = event.key.toLowerCase();
    if (mod && !event.altKey && !event.shiftKey && key === 'f') {
      event.preventDefault();
      options.onFindRequested();
      return false;
    }
    if (!isMacPlatform && event.ctrlKey && event.shiftKey && key === 'c') {
      if (this.term.hasSelection())
        void navigator.clipboard.writeText(this.term.getSelection()).catch(() => undefined);
      event.preventDefault();
      return false;
    }
    // Ctrl+Shift+V: let the browser paste into xterm's textarea (its paste handler sends the text).
    if (!isMacPlatform && event.ctrlKey && event.shiftKey && key === 'v') return false;
    return shortcutFor(event, true) === null;
  }

  write(data: string, rendered?: () => void): void {
    this.term.write(data, rendered);
  }

  reset(): void {
    this.term.reset();
  }

  /** Fits to the container; returns the new size, or null when hidden (zero size). */
  fit(): { cols: number; rows: number } | null {
    const proposed = this.fitAddon.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return null;
    if (proposed.cols < 2 || proposed.rows < 1) return null;
    if (proposed.cols !== this.term.cols || proposed.rows !== this.term.rows) this.fitAddon.fit();
    return { cols: this.term.cols, rows: this.term.rows };
  }

  /**
   * WebGL only for the focused terminal: browsers cap live WebGL contexts (Chromium: 16). The addon
   * is loaded on first use, so a page that never focuses a terminal never downloads it.
   */
  setGpu(enabled: boolean): void {
    this.wantGpu = enabled;
    if (!enabled && this.webgl) {
      this.webgl.dispose();
      this.webgl = null;
      this.rendererChanged();
    }
    if (!enabled || this.webgl || this.loadingGpu || webglUnavailable) return;
    this.loadingGpu = true;
    import('@xterm/addon-webgl').then(
      ({ WebglAddon }) => {
        this.loadingGpu = false;
        if (this.wantGpu && !this.disposed && !this.webgl) this.loadWebgl(new WebglAddon());
      },
      () => {
        this.loadingGpu = false;
        webglUnavailable = true;
      },
    );
  }

  private loadWebgl(addon: WebglAddon): void {
    try {
      addon.onContextLoss(() => {
        addon.dispose();
        if (this.webgl === addon) this.webgl = null;
      });
      this.term.loadAddon(addon);
      this.webgl = addon;
      this.rendererChanged();
    } catch {
      // No WebGL2 here (no GPU, blocklisted driver): the DOM renderer stays.
      webglUnavailable = true;
    }
  }

  /** The WebGL and DOM renderers measure cells slightly differently, so a switch can change the fitting size. */
  onRendererChanged(listener: () => void): () => void {
    this.rendererListeners.add(listener);
    return () => this.rendererListeners.delete(listener);
  }

  private rendererChanged(): void {
    for (const listener of this.rendererListeners) listener();
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    this.blink.dispose();
    this.webgl?.dispose();
    this.webgl = null;
    this.term.dispose();
  }
}
