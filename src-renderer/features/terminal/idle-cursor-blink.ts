/**
 * The cursor stops blinking once nobody has typed in the terminal for CURSOR_BLINK_IDLE_MS, as in
 * kitty (`cursor_stop_blinking_after`, 15 s by default); a key or a focus starts it again. xterm's
 * DOM renderer blinks with an endless CSS animation, and Chromium renders a display frame at every
 * vsync while one runs: an idle page with one focused terminal used 0.1 of a core, against 0.01 with
 * the animation stopped (headless Chromium on 2 cores, 2026-11-23). A laptop pays that in battery
 * for a cursor nobody is looking at.
 */
export const CURSOR_BLINK_IDLE_MS = 15_000;

export class IdleCursorBlink {
  private blinking = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  /** `setBlink` is called only when the state changes: xterm redraws the cursor's row on every change. */
  constructor(private readonly setBlink: (blink: boolean) => void) {}

  /** The user typed or focused the terminal: blink, and stop once idle again. */
  activity(): void {
    if (this.disposed) return;
    if (!this.blinking) {
      this.blinking = true;
      this.setBlink(true);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.blinking = false;
      this.setBlink(false);
    }, CURSOR_BLINK_IDLE_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
