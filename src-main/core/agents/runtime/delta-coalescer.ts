import type { NotificationParams } from '../../../../src-shared/contract';
import type { Publisher } from '../../events';

/**
 * How long streamed text waits to be sent with more. A model emits tokens every few milliseconds;
 * one notification per token per thread would flood the UI at 16 threads. Sixteen milliseconds is
 * one display frame, so nothing is shown later than it could be drawn.
 */
export const DELTA_FRAME_MS = 16;

type Delta = NotificationParams<'item/delta'>;

/**
 * Collects `item/delta` text per item and stream and sends it at most once per frame: a delta
 * after a quiet frame goes out at once (leading edge), the ones behind it wait for the frame's end.
 */
export class DeltaCoalescer {
  private pending = new Map<string, Delta>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(private readonly publisher: Publisher) {}

  push(delta: Delta): void {
    if (delta.delta === '') return;
    const key = `${delta.itemId}\0${delta.stream}`;
    const existing = this.pending.get(key);
    if (existing) existing.delta += delta.delta;
    else this.pending.set(key, { ...delta });
    if (this.timer) return;
    const wait = this.lastFlush + DELTA_FRAME_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what is buffered for one item now (before its `item/completed`), or everything. */
  flush(itemId?: string): void {
    if (itemId === undefined) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.lastFlush = performance.now();
    }
    for (const [key, delta] of this.pending) {
      if (itemId !== undefined && delta.itemId !== itemId) continue;
      this.pending.delete(key);
      this.publisher.publish('item/delta', delta);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
