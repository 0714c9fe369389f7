/**
 * Decides when output reaches xterm. The terminal the user works in (the focused pane's) gets its
 * output at once: a keystroke's echo must show on the next display frame. The other terminals take
 * turns: each tick one of them gets a small batch, so floods in background panes cannot fill the
 * page's main thread with parsing and, above all, repainting ahead of that echo. A trace of
 * bench/terminal-echo showed the page 87% busy with three flooding panes, three quarters of it
 * layout, paint and xterm's row rendering, in frames of 100-200 ms that the echo had to wait for.
 * Output that waits is not acknowledged, so the host's flow control pauses a background flood
 * instead of queueing it here without bound.
 */

/**
 * Two display frames: at most every other frame repaints one background terminal, so the frame that
 * shows an echo carries at most one other terminal's repaint.
 */
export const BACKGROUND_TICK_MS = 33;
/**
 * Chars one background terminal may hand to xterm per tick: about 3-5 ms of xterm's parsing at the
 * 5-7 MB/s it reaches in our page (bench/terminal-throughput, "xterm.js alone"). That is ~0.7 MB/s
 * of background output shared by the background terminals: still a live view of each.
 */
export const BACKGROUND_CHARS_PER_TICK = 24_000;

/**
 * Output reaches xterm in pieces of at most this many chars, each acknowledged once parsed. A flood
 * arrives in frames of up to 500 K chars (16 ms of a pty read at full speed); acknowledged whole, the
 * host saw the page's backlog drop from over its low watermark to almost nothing in one ack, resumed
 * the pty only then, and the page sat idle until new output came (bench/terminal-throughput). 64 K is
 * the largest read a pty hands on, and what the xterm.js-alone baseline writes.
 */
export const WRITE_PIECE_CHARS = 64 * 1024;

/** Where a feed's output goes: xterm's write, calling `parsed` once xterm has taken the chunk in. */
export type OutputSink = (data: string, parsed: () => void) => void;

/**
 * After a key typed in the focused terminal, background terminals wait until its echo has had a
 * display frame (ECHO_PAINT_MS after it arrived), or at most INPUT_HOLD_MS after the key: a
 * background batch parsed and repainted as the echo comes would delay the echo's frame. While the
 * user types, a background terminal still gets a batch at least every MAX_BACKGROUND_GAP_MS.
 */
export const INPUT_HOLD_MS = 50;
export const ECHO_PAINT_MS = 20;
export const MAX_BACKGROUND_GAP_MS = 100;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface OutputFeed {
  /** Output of the terminal; `parsed(chars)` is called as xterm takes it in (the ack). */
  push(data: string): void;
  /** The focused terminal writes through at once; the others are paced. */
  setForeground(foreground: boolean): void;
  /** Chars waiting for their turn. */
  readonly queuedChars: number;
  dispose(): void;
}

interface Feed {
  sink: OutputSink;
  onParsed: (chars: number) => void;
  queue: string[];
  queuedChars: number;
  /** Chars handed to xterm by the pacer and not parsed yet. */
  inFlight: number;
  foreground: boolean;
  disposed: boolean;
}

const browserTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export class OutputPacer {
  private readonly feeds = new Set<Feed>();
  private timer: unknown = null;
  /** Which background feed is served next, so every background terminal gets its turn. */
  private turn = 0;
  /** When the last background batch went to xterm. */
  private lastBatchAt = -Infinity;
  /** A key typed in the focused terminal whose echo has not come yet: when it was typed. */
  private keyAt: number | null = null;
  /** Background batches wait until then (the echo's display frame). */
  private holdUntil = -Infinity;

  constructor(private readonly timers: Timers = browserTimers) {}

  /** The user typed into the focused terminal: background output waits for the echo (INPUT_HOLD_MS). */
  noteInput(): void {
    this.keyAt = this.timers.now();
  }

  open(sink: OutputSink, onParsed: (chars: number) => void): OutputFeed {
    const feed: Feed = {
      sink,
      onParsed,
      queue: [],
      queuedChars: 0,
      inFlight: 0,
      foreground: false,
      disposed: false,
    };
    this.feeds.add(feed);
    return {
      push: (data) => {
        if (feed.disposed || data.length === 0) return;
        if (feed.foreground) {
          if (this.keyAt !== null) {
            this.keyAt = null;
            this.holdUntil = this.timers.now() + ECHO_PAINT_MS;
          }
          this.drain(feed);
          this.write(feed, data);
          return;
        }
        feed.queue.push(data);
        feed.queuedChars += data.length;
        this.schedule();
      },
      setForeground: (foreground) => {
        if (feed.disposed) return;
        feed.foreground = foreground;
        if (foreground) this.drain(feed);
        else if (feed.queuedChars > 0) this.schedule();
      },
      get queuedChars() {
        return feed.queuedChars;
      },
      dispose: () => {
        feed.disposed = true;
        feed.queue = [];
        feed.queuedChars = 0;
        this.feeds.delete(feed);
      },
    };
  }

  private write(feed: Feed, data: string): void {
    for (let at = 0; at < data.length; at += WRITE_PIECE_CHARS) {
      const piece = data.slice(at, at + WRITE_PIECE_CHARS);
      feed.inFlight += piece.length;
      feed.sink(piece, () => {
        feed.inFlight -= piece.length;
        if (!feed.disposed) feed.onParsed(piece.length);
      });
    }
  }

  /** Everything queued, at once and in order (the feed became the foreground one). */
  private drain(feed: Feed): void {
    if (feed.queuedChars === 0) return;
    const data = feed.queue.join('');
    feed.queue = [];
    feed.queuedChars = 0;
    this.write(feed, data);
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.setTimeout(() => this.tick(), BACKGROUND_TICK_MS);
  }

  /** Until when background batches wait for an echo, or null to go on now. */
  private heldUntil(now: number): number | null {
    let until = this.holdUntil;
    if (this.keyAt !== null) {
      if (now - this.keyAt < INPUT_HOLD_MS) until = Math.max(until, this.keyAt + INPUT_HOLD_MS);
      else this.keyAt = null;
    }
    until = Math.min(until, this.lastBatchAt + MAX_BACKGROUND_GAP_MS);
    return until > now ? until : null;
  }

  private tick(): void {
    this.timer = null;
    const waiting = [...this.feeds].filter((feed) => !feed.foreground && feed.queuedChars > 0);
    if (waiting.length === 0) return;
    const now = this.timers.now();
    const held = this.heldUntil(now);
    if (held !== null) {
      this.timer = this.timers.setTimeout(() => this.tick(), held - now);
      return;
    }
    // One feed per tick, in turn; one whose last batch is not parsed yet is behind already and skips.
    for (let i = 0; i < waiting.length; i += 1) {
      const feed = waiting[(this.turn + i) % waiting.length]!;
      if (feed.inFlight > 0) continue;
      this.turn += i + 1;
      this.lastBatchAt = now;
      this.write(feed, this.take(feed, BACKGROUND_CHARS_PER_TICK));
      break;
    }
    this.schedule();
  }

  /** Up to `chars` from the front of the feed's queue (a chunk may be split; xterm parses across writes). */
  private take(feed: Feed, chars: number): string {
    const parts: string[] = [];
    let taken = 0;
    while (taken < chars && feed.queue.length > 0) {
      const head = feed.queue[0]!;
      const room = chars - taken;
      if (head.length <= room) {
        parts.push(head);
        feed.queue.shift();
        taken += head.length;
      } else {
        parts.push(head.slice(0, room));
        feed.queue[0] = head.slice(room);
        taken += room;
      }
    }
    feed.queuedChars -= taken;
    return parts.join('');
  }
}

/** One pacer per page: the budget is shared by every background terminal on it. */
export const outputPacer = new OutputPacer();
