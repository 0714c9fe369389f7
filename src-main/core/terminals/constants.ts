/**
 * Tuning numbers for terminals, each with where it comes from.
 * Chars are UTF-16 code units (JavaScript string length): what the host sends and what the client counts.
 */

/**
 * Flow control: pause the pty once a client has more than 200,000 chars it has not acknowledged,
 * resume once it is under 100,000. VS Code's pty host pauses at 100,000 and resumes under 5,000
 * (src/vs/platform/terminal/common/terminal.ts, `FlowControlConstants`), but resuming only when the
 * pipe is nearly empty makes a flood stop and go: our benchmark (bench/terminal-throughput) measured
 * the page starving between pauses. Resuming at half keeps data flowing, and keeping the window this
 * small bounds how much output of a flooding terminal queues ahead of another terminal's echo.
 */
export const FLOW_CONTROL_HIGH_WATERMARK_CHARS = 200_000;
export const FLOW_CONTROL_LOW_WATERMARK_CHARS = 100_000;

/**
 * Output is gathered per subscriber and sent as one `terminal/data` frame at most every 8 ms: half
 * a 60 Hz display frame, so coalescing never delays a paint, while the many tiny reads a pty
 * produces (often a few bytes each) become one message instead of hundreds per second. The first
 * chunk after a quiet interval goes out at once, so a keystroke's echo never waits for the timer.
 */
export const FRAME_INTERVAL_MS = 8;

/**
 * Lines of scrollback the host keeps per terminal (the headless mirror) and persists. At 120 columns
 * a full buffer costs about 7 MB (3 x 4 bytes per cell), so this bounds a flooding terminal.
 */
export const SCROLLBACK_LINES = 5_000;

/**
 * The screen is saved to SQLite once output has been quiet this long (and on stop/dispose), and at
 * least every SCROLLBACK_SNAPSHOT_MAX_DELAY_MS while output keeps flowing. Serializing 5,000 lines
 * takes tens to hundreds of milliseconds of the host's only thread; saving every 2 s during a flood
 * (8 flooding terminals saving at once) blocked echo in every other terminal for up to 0.6 s
 * (bench/terminal-echo). A host crash loses at most the last half minute of a flooding terminal.
 */
export const SCROLLBACK_SNAPSHOT_DELAY_MS = 2_000;
export const SCROLLBACK_SNAPSHOT_MAX_DELAY_MS = 30_000;

/**
 * After SIGHUP a shell forwards the hangup to its jobs and exits; give it this long before SIGKILL,
 * short enough that quitting Skein never feels stuck.
 */
export const KILL_GRACE_MS = 1_000;

/** After SIGKILL the exit arrives within milliseconds; wait this long before reporting a stuck process. */
export const EXIT_WAIT_AFTER_KILL_MS = 2_000;

/**
 * While a pty is paused, check this often whether its process has ended: node-pty closes the pty
 * 200 ms after the exit, so a paused pty must be resumed well within that to hand over its last output.
 */
export const PAUSED_EXIT_POLL_MS = 50;

/** Size of a terminal opened without one; the client resizes it to its panel right after attaching. */
export const DEFAULT_COLS = 120;
export const DEFAULT_ROWS = 30;
