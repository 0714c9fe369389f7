/**
 * The host's copy of a terminal's screen: a headless xterm fed with everything the pty printed, so a
 * client that (re)attaches gets the current screen and scrollback in one string. It lives in a worker
 * thread: parsing a flood (~13 MB/s per core) and serializing 5,000 lines (tens of ms) on the host's
 * main thread delayed every other terminal's input and echo (bench/terminal-echo).
 */
export interface ScreenMirror {
  /** Feeds output; `onParsed(chars)` runs once the mirror has taken it in (see MIRROR_DEFER_*). */
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /**
   * Flow control paused the pty: the mirror acknowledges what waits now (ahead of parsing where a
   * check allows) or parses it now, so it never keeps a paused pty waiting for output to go quiet.
   */
  held(): void;
  /**
   * A string that rebuilds the screen when written to a terminal of the same size, holding everything
   * written before this call and nothing written after. `settled`: parsed state only, once everything
   * is parsed (trimmed to the scrollback, for saving); otherwise at once, the parsed state plus the
   * output still queued for parsing (for attach). Resolves to '' if the mirror was disposed.
   */
  serialize(options?: { settled?: boolean }): Promise<string>;
  /** Chars written and not taken in yet. */
  readonly unparsedChars: number;
  dispose(): void;
}

export interface OpenMirrorOptions {
  cols: number;
  rows: number;
  scrollback?: number;
  /**
   * Called as written output is taken in, with its length (flow control for the mirror itself): up
   * to MIRROR_DEFER_MAX_CHARS ahead of parsing, so a backlog waiting for a pause never stalls the pty.
   */
  onParsed?: (chars: number) => void;
  /** The worker died: this mirror is gone (its serialize calls reject); open a new one to go on. */
  onLost?: () => void;
}
