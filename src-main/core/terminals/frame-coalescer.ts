import { FLOOD_FRAME_CHARS, FLOOD_FRAME_INTERVAL_MS, FRAME_INTERVAL_MS } from './constants';

export interface FrameIntervals {
  /** Between frames of ordinary output. */
  intervalMs: number;
  /** Between frames while output floods: after a frame of at least `floodChars`. */
  floodIntervalMs: number;
  floodChars: number;
}

const DEFAULT_INTERVALS: FrameIntervals = {
  intervalMs: FRAME_INTERVAL_MS,
  floodIntervalMs: FLOOD_FRAME_INTERVAL_MS,
  floodChars: FLOOD_FRAME_CHARS,
};

/**
 * Gathers output chunks per destination and hands each destination one joined frame per interval.
 * One timer serves every destination of a terminal; it runs only while something is pending.
 */
export class FrameCoalescer {
  private readonly pending = new Map<string, string[]>();
  /** Destinations sent a frame in the current interval: what follows for them waits for the timer. */
  private gathering = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly intervals: FrameIntervals;

  constructor(
    private readonly send: (destination: string, frame: string) => void,
    intervals: Partial<FrameIntervals> = {},
  ) {
    this.intervals = { ...DEFAULT_INTERVALS, ...intervals };
  }

  push(destination: string, chunk: string): void {
    if (chunk.length === 0) return;
    const chunks = this.pending.get(destination);
    if (chunks) {
      chunks.push(chunk);
      return;
    }
    if (!this.gathering.has(destination)) {
      // Quiet for this destination: send at once (a keystroke's echo, to every client attached), then
      // gather what follows until the timer.
      this.send(destination, chunk);
      this.gathering.add(destination);
      if (this.timer === null) this.schedule(chunk.length);
      return;
    }
    this.pending.set(destination, [chunk]);
  }

  /** Sends everything pending now (before a notice that must come after it, or on exit). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const frames = [...this.pending];
    this.pending.clear();
    let largest = 0;
    for (const [destination, chunks] of frames) {
      const frame = chunks.join('');
      largest = Math.max(largest, frame.length);
      this.send(destination, frame);
    }
    // Output kept coming: keep gathering for those destinations, so a flood still travels in frames
    // rather than chunk by chunk. The others are quiet again.
    this.gathering = new Set(frames.map(([destination]) => destination));
    if (frames.length > 0) this.schedule(largest);
  }

  /** A flood gets fewer, larger frames: each frame costs a JSON message and a socket write per client. */
  private schedule(lastFrameChars: number): void {
    const { intervalMs, floodIntervalMs, floodChars } = this.intervals;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.flush();
      },
      lastFrameChars >= floodChars ? floodIntervalMs : intervalMs,
    );
  }

  /** Drops a destination's pending output (it detached). */
  remove(destination: string): void {
    this.pending.delete(destination);
    this.gathering.delete(destination);
    if (this.pending.size === 0 && this.gathering.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  pendingChars(destination: string): number {
    return (this.pending.get(destination) ?? []).reduce((sum, chunk) => sum + chunk.length, 0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.gathering.clear();
  }
}
