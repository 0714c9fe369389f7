/**
 * Collects a stream's bytes up to a limit, keeping the first and last halves: a build log's head
 * says what ran, its tail says how it ended. The middle is replaced by a marker naming how much
 * was dropped.
 */
export class HeadTailBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(private readonly limitBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.ceil(this.limitBytes / 2) - this.headBytes;
    if (headRoom > 0) {
      const taken = chunk.subarray(0, headRoom);
      this.head.push(taken);
      this.headBytes += taken.length;
      chunk = chunk.subarray(taken.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    this.trimTail();
  }

  get totalBytes(): number {
    return this.total;
  }

  get omittedBytes(): number {
    return this.total - this.headBytes - this.tailBytes;
  }

  toString(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (this.omittedBytes === 0) return Buffer.concat([...this.head, ...this.tail]).toString('utf8');
    return `${head}\n[… ${this.omittedBytes} bytes omitted …]\n${tail}`;
  }

  private trimTail(): void {
    const tailLimit = Math.floor(this.limitBytes / 2);
    let excess = this.tailBytes - tailLimit;
    while (excess > 0 && this.tail.length > 0) {
      const first = this.tail[0] as Buffer;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        excess -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        excess = 0;
      }
    }
  }
}
