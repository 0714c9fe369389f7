import { FLOW_CONTROL_HIGH_WATERMARK_CHARS, FLOW_CONTROL_LOW_WATERMARK_CHARS } from './constants';

export interface Watermarks {
  high: number;
  low: number;
}

export interface FlowControlSnapshot {
  paused: boolean;
  /** Chars sent to each party and not yet acknowledged, by party id. */
  unacked: Record<string, number>;
  /** How many times the source was paused since creation. */
  pauseCount: number;
}

/**
 * Counts chars handed to each consumer (a subscriber, or the host's own screen mirror) and not yet
 * acknowledged. The source is paused when any consumer is above the high watermark and resumed when
 * every consumer is below the low one, so one slow client holds the pty back and memory stays bounded.
 */
export class FlowControl {
  private readonly unacked = new Map<string, number>();
  private paused = false;
  private pauseCount = 0;

  constructor(
    private readonly setPaused: (paused: boolean) => void,
    private readonly watermarks: Watermarks = {
      high: FLOW_CONTROL_HIGH_WATERMARK_CHARS,
      low: FLOW_CONTROL_LOW_WATERMARK_CHARS,
    },
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts (or restarts, from zero) accounting for a consumer. */
  track(party: string): void {
    this.unacked.set(party, 0);
    this.maybeResume();
  }

  /** A consumer left: it no longer holds the source back. */
  drop(party: string): void {
    if (this.unacked.delete(party)) this.maybeResume();
  }

  sent(party: string, chars: number): void {
    const current = this.unacked.get(party);
    if (current === undefined) return;
    const next = current + chars;
    this.unacked.set(party, next);
    if (!this.paused && next > this.watermarks.high) {
      this.paused = true;
      this.pauseCount += 1;
      this.setPaused(true);
    }
  }

  acked(party: string, chars: number): void {
    const current = this.unacked.get(party);
    if (current === undefined) return;
    this.unacked.set(party, Math.max(0, current - chars));
    this.maybeResume();
  }

  /** Forgets every count (the process behind the source changed); resumes if paused. */
  reset(): void {
    for (const party of this.unacked.keys()) this.unacked.set(party, 0);
    this.maybeResume();
  }

  snapshot(): FlowControlSnapshot {
    return { paused: this.paused, unacked: Object.fromEntries(this.unacked), pauseCount: this.pauseCount };
  }

  private maybeResume(): void {
    if (!this.paused) return;
    for (const count of this.unacked.values()) if (count >= this.watermarks.low) return;
    this.paused = false;
    this.setPaused(false);
  }
}
