/**
 * The throughput baseline: xterm.js alone, in the same page, fed the same text with `term.write`.
 * It is the package the renderer bundles (`@xterm/xterm`'s ES module, the file Vite resolves), with
 * the renderer's options (xterm-session.ts), at the size of Skein's terminal and laid exactly over
 * it, so it renders to the same visible area with the DOM renderer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ITerminalInitOnlyOptions, ITerminalOptions, Terminal as XtermTerminal } from '@xterm/xterm';
import {
  TERMINAL_FONT_FAMILY,
  TERMINAL_FONT_SIZE,
  TERMINAL_LINE_HEIGHT,
  TERMINAL_THEME,
} from '../../src-renderer/features/terminal/terminal-theme';
import type { PageEvaluator } from './bare-page';
import type { RelayRequest } from './bare-relay-server';

/**
 * The renderer's Terminal options (src-renderer/features/terminal/xterm-session.ts; LOCAL_SCROLLBACK_LINES
 * is 10,000), with the cursor blinking as it does there while the user types (idle-cursor-blink.ts).
 */
export const RENDERER_XTERM_OPTIONS: ITerminalOptions = {
  fontFamily: TERMINAL_FONT_FAMILY,
  fontSize: TERMINAL_FONT_SIZE,
  lineHeight: TERMINAL_LINE_HEIGHT,
  cursorBlink: true,
  scrollback: 10_000,
  theme: TERMINAL_THEME,
  macOptionIsMeta: true,
};

/** Parts of the payload sent per evaluate call: CDP messages of a few MB stay quick. */
const TRANSFER_CHARS = 4_000_000;

declare global {
  interface Window {
    __benchXterm?: new (options: ITerminalOptions & ITerminalInitOnlyOptions) => XtermTerminal;
    __benchPayloadParts?: string[];
    __benchPayload?: string;
  }
}

function xtermModuleSource(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@xterm/xterm/package.json'));
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { module: string };
  return readFileSync(join(packageDir, manifest.module), 'utf8');
}

/** Loads xterm.js into the page and hands it the payload (untimed). */
export async function prepareXtermBaseline(page: PageEvaluator, text: string): Promise<void> {
  await page.evaluate(async (source) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const loaded = (await import(url)) as { Terminal: NonNullable<Window['__benchXterm']> };
    URL.revokeObjectURL(url);
    window.__benchXterm = loaded.Terminal;
    window.__benchPayloadParts = [];
  }, xtermModuleSource());
  for (let offset = 0; offset < text.length; offset += TRANSFER_CHARS) {
    await page.evaluate(
      (part) => {
        window.__benchPayloadParts?.push(part);
      },
      text.slice(offset, offset + TRANSFER_CHARS),
    );
  }
  const received = await page.evaluate(() => {
    window.__benchPayload = (window.__benchPayloadParts ?? []).join('');
    window.__benchPayloadParts = [];
    return window.__benchPayload.length;
  });
  if (received !== text.length) throw new Error(`The page got ${received} of ${text.length} payload chars`);
}

export interface XtermBaselineRun {
  /** From the first write to the callback of the last chunk: everything parsed (a relay run: `renderedMs`). */
  parsedMs: number;
  /** From the first write until the marker showed in the DOM rows (one display frame later at most). */
  renderedMs: number;
}

export interface XtermBaselineOptions {
  /** Skein's terminal this one is laid over, and whose size it takes. */
  overTerminalId: string;
  cols: number;
  rows: number;
  chunkChars: number;
  /** Written after the payload, like the `printf` after `cat`; the run ends when it shows. */
  marker: string;
  /**
   * Take the output from a bare relay (bare-relay-server.ts) instead of the prepared payload: each
   * binary frame is written as it arrives, and the request's command prints the marker. The run is
   * then timed from the request until the marker shows (there is no last write to wait for).
   */
  relay?: { url: string; request: RelayRequest };
}

export function runXtermBaseline(
  page: PageEvaluator,
  options: XtermBaselineOptions,
): Promise<XtermBaselineRun> {
  return page.evaluate(
    async ({ options, xtermOptions }) => {
      const Terminal = window.__benchXterm;
      const payload = window.__benchPayload;
      const view = document.querySelector(`[data-terminal-id="${options.overTerminalId}"]`);
      if (!Terminal || payload === undefined || !view) throw new Error('The xterm baseline is not prepared');
      const box = view.getBoundingClientRect();
      const wrapper = document.createElement('div');
      wrapper.className = 'terminal-view';
      Object.assign(wrapper.style, {
        position: 'fixed',
        left: `${box.left}px`,
        top: `${box.top}px`,
        width: `${box.width}px`,
        height: `${box.height}px`,
        zIndex: '10000',
        background: '#0f1115',
      });
      const canvas = document.createElement('div');
      canvas.className = 'terminal-canvas';
      wrapper.append(canvas);
      document.body.append(wrapper);
      const term = new Terminal({ ...xtermOptions, cols: options.cols, rows: options.rows });
      let socket: WebSocket | null = null;
      try {
        term.open(canvas);
        const rows = canvas.querySelector('.xterm-rows');
        if (!rows) throw new Error('xterm made no DOM rows (is the WebGL renderer in use?)');
        const data = options.relay ? '' : `${payload}${options.marker}\r\n`;
        const chunks: string[] = [];
        for (let offset = 0; offset < data.length; offset += options.chunkChars) {
          chunks.push(data.slice(offset, offset + options.chunkChars));
        }
        const relay = options.relay;
        socket = relay ? new WebSocket(relay.url) : null;
        if (socket) {
          socket.binaryType = 'arraybuffer';
          const opening = socket;
          await new Promise((resolve, reject) => {
            opening.onopen = resolve;
            opening.onerror = () => reject(new Error(`Could not reach the bare relay at ${relay?.url}`));
          });
        }
        // Start from a settled, painted terminal, as Skein's run starts from a prompt.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const started = performance.now();
        const rendered = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!(rows.textContent ?? '').includes(options.marker)) return;
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(rows, { childList: true, subtree: true, characterData: true });
        });
        if (socket && relay) {
          socket.onmessage = (event: MessageEvent<ArrayBuffer>) => term.write(new Uint8Array(event.data));
          socket.send(JSON.stringify(relay.request));
          const renderedMs = (await rendered) - started;
          return { parsedMs: renderedMs, renderedMs };
        }
        const parsed = new Promise<number>((resolve) => {
          chunks.forEach((chunk, index) =>
            term.write(chunk, index === chunks.length - 1 ? () => resolve(performance.now()) : undefined),
          );
        });
        const [parsedAt, renderedAt] = await Promise.all([parsed, rendered]);
        return { parsedMs: parsedAt - started, renderedMs: renderedAt - started };
      } finally {
        socket?.close();
        term.dispose();
        wrapper.remove();
      }
    },
    { options, xtermOptions: RENDERER_XTERM_OPTIONS },
  );
}
