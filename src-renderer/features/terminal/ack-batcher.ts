/**
 * Batches flow-control acks: one `terminal/ack` per ~5,000 parsed chars or 50 ms, whichever comes
 * first. The host pauses the pty only at 1,000,000 unacknowledged chars (FLOW_CONTROL_HIGH_WATERMARK_CHARS
 * in src-main/core/terminals/constants.ts), so acks this coarse never stall output, while a flood
 * costs one ack per frame, not one per chunk.
 */
export const ACK_BATCH_CHARS = 5_000;
export const ACK_FLUSH_MS = 50;

export class AckBatcher {
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly send: (chars: number) => void) {}

  add(chars: number): void {
    if (this.disposed || chars <= 0) return;
    this.pending += chars;
    if (this.pending >= ACK_BATCH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), ACK_FLUSH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === 0 || this.disposed) return;
    const chars = this.pending;
    this.pending = 0;
    this.send(chars);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposed = true;
  }
}
