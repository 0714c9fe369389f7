import serializePackage from '@xterm/addon-serialize';
import headlessPackage from '@xterm/headless';
import { SCROLLBACK_LINES } from './constants';

// Both packages ship CommonJS bundles whose named exports Node's ESM loader cannot detect.
const { Terminal } = headlessPackage;
const { SerializeAddon } = serializePackage;

/**
 * The host's copy of a terminal's screen: a headless xterm fed with everything the pty printed, so a
 * client that (re)attaches gets the current screen and scrollback in one string.
 */
export interface ScreenMirror {
  /** Feeds output; `onParsed(chars)` runs once the mirror has taken it in. */
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /**
   * The screen as a string that rebuilds it when written to a terminal of the same size: the
   * serialized parsed state plus the output still queued for parsing (xterm parses asynchronously).
   * Everything written before this call is in it; nothing written after is.
   */
  serialize(): string;
  /** Resolves once everything written so far is parsed. */
  settled(): Promise<void>;
  readonly unparsedChars: number;
  dispose(): void;
}

export interface ScreenMirrorOptions {
  cols: number;
  rows: number;
  scrollback?: number;
  /** Called as queued output is parsed, with its length (flow control for the mirror itself). */
  onParsed?: (chars: number) => void;
}

export function createScreenMirror(options: ScreenMirrorOptions): ScreenMirror {
  const terminal = new Terminal({
    cols: options.cols,
    rows: options.rows,
    scrollback: options.scrollback ?? SCROLLBACK_LINES,
    allowProposedApi: true,
  });
  const serializer = new SerializeAddon();
  terminal.loadAddon(serializer);
  // Chunks handed to xterm but not parsed yet, oldest first. xterm runs write callbacks in order,
  // one per chunk, after that chunk is fully parsed.
  const unparsed: string[] = [];
  let unparsedChars = 0;
  let disposed = false;

  return {
    write(data) {
      if (disposed || data.length === 0) return;
      unparsed.push(data);
      unparsedChars += data.length;
      terminal.write(data, () => {
        const chunk = unparsed.shift() ?? '';
        unparsedChars -= chunk.length;
        options.onParsed?.(chunk.length);
      });
    },
    resize(cols, rows) {
      if (!disposed) terminal.resize(cols, rows);
    },
    serialize() {
      if (disposed) return '';
      return serializer.serialize() + unparsed.join('');
    },
    settled() {
      if (disposed || unparsed.length === 0) return Promise.resolve();
      return new Promise((resolve) => terminal.write('', resolve));
    },
    get unparsedChars() {
      return unparsedChars;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unparsed.length = 0;
      unparsedChars = 0;
      serializer.dispose();
      terminal.dispose();
    },
  };
}
