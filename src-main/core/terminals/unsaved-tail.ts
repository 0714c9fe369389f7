/**
 * The output a terminal printed since its screen was last saved, beside the text that save stored.
 * The saved screen followed by this raw tail rebuilds the same screen (as the mirror's unsettled
 * serialize does), so a host that is quitting can store it without asking the mirror worker to
 * serialize thousands of lines: at a lower priority on a busy machine that took longer than the
 * desktop app waits for its host to stop, and the newest output would have been lost.
 */
export class UnsavedTail {
  /** The text in the store, or null while unknown (the terminal's mirror was never opened in this run). */
  private saved: string | null = null;
  private chunks: string[] = [];
  private chars = 0;
  /** Too much output, or a resize the raw tail would replay at the wrong size: only a full save will do. */
  private overflowed = false;
  /** The tail of a full save still running, kept until it is stored. */
  private inFlight: { chunks: string[]; chars: number; overflowed: boolean } | null = null;

  constructor(private readonly limitChars: number) {}

  /** The mirror started from this stored screen ('' for a terminal with none). */
  loaded(text: string | null): void {
    this.saved = text ?? '';
    this.inFlight = null;
    this.reset();
  }

  output(data: string): void {
    if (this.overflowed) return;
    this.chars += data.length;
    if (this.chars > this.limitChars) this.overflow();
    else this.chunks.push(data);
  }

  resized(): void {
    this.overflow();
  }

  /**
   * A full save starts: output from now on is the next tail. Until it is stored, the output before
   * it still counts (a quick save meanwhile needs both). Returns what to call if the save fails.
   */
  beginSave(): () => void {
    const before = { chunks: this.chunks, chars: this.chars, overflowed: this.overflowed };
    this.inFlight = before;
    this.reset();
    return () => {
      if (this.inFlight !== before) return;
      this.inFlight = null;
      this.chunks = [...before.chunks, ...this.chunks];
      this.chars += before.chars;
      this.overflowed = before.overflowed || this.overflowed || this.chars > this.limitChars;
      if (this.overflowed) this.chunks = [];
    };
  }

  /** The full save stored `screen`. */
  stored(screen: string): void {
    this.saved = screen;
    this.inFlight = null;
  }

  /** The screen to store without the mirror (last save + raw tail), or null when only a full save will do. */
  quickScreen(): string | null {
    if (this.saved === null || this.overflowed || this.inFlight?.overflowed) return null;
    return this.saved + (this.inFlight?.chunks.join('') ?? '') + this.chunks.join('');
  }

  private overflow(): void {
    this.overflowed = true;
    this.chunks = [];
  }

  private reset(): void {
    this.chunks = [];
    this.chars = 0;
    this.overflowed = false;
  }
}
