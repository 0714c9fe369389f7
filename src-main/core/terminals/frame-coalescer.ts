import { FRAME_INTERVAL_MS } from './constants';

/**
 * Gathers output chunks per destination and hands each destination one joined frame per interval.
 * One timer serves every destination of a terminal; it runs only while something is pending.
 */
export class FrameCoalescer {
  private readonly pending = new Map<string, string[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (destination: string, frame: string) => void,
    private readonly intervalMs = FRAME_INTERVAL_MS,
  ) {}

  push(destination: string, chunk: string): void {
    if (chunk.length === 0) return;
    const chunks = this.pending.get(destination);
    if (chunks) {
      chunks.push(chunk);
      return;
    }
    if (this.timer === null) {
      // The line was quiet: send at once (a keystroke's echo), then gather what follows for one interval.
      this.send(destination, chunk);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.intervalMs);
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
    for (const [destination, chunks] of frames) this.send(destination, chunks.join(''));
    // Output kept coming: keep gathering, so a flood still travels in frames rather than chunk by chunk.
    if (frames.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.intervalMs);
    }
  }

  /** Drops a destination's pending output (it detached). */
  remove(destination: string): void {
    this.pending.delete(destination);
    if (this.pending.size === 0 && this.timer) {
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
  }
}
