/**
 * Tuning numbers for terminals, each with where it comes from.
 * Chars are UTF-16 code units (JavaScript string length): what the host sends and what the client counts.
 */

/**
 * Flow control, VS Code's pty host numbers (src/vs/platform/terminal/common/terminal.ts,
 * `FlowControlConstants`): pause the pty once a client has more than 100,000 chars it has not
 * acknowledged, resume once it is under 5,000. 100k is a few screens of output, enough that a
 * client which acks promptly never sees a pause; 5k is the client's ack granularity, so resuming
 * under it means the client has really caught up.
 */
export const FLOW_CONTROL_HIGH_WATERMARK_CHARS = 100_000;
export const FLOW_CONTROL_LOW_WATERMARK_CHARS = 5_000;

/**
 * Output is gathered per subscriber and sent as one `terminal/data` frame at most every 8 ms: half
 * a 60 Hz display frame, so coalescing never delays a paint, while the many tiny reads a pty
 * produces (often a few bytes each) become one message instead of hundreds per second.
 */
export const FRAME_INTERVAL_MS = 8;

/**
 * Lines of scrollback the host keeps per terminal (the headless mirror) and persists. At 120 columns
 * a full buffer costs about 7 MB (3 x 4 bytes per cell), so this bounds a flooding terminal.
 */
export const SCROLLBACK_LINES = 5_000;

/**
 * The screen is saved to SQLite this long after output starts (and on stop/dispose): serializing
 * thousands of lines on every chunk would cost more than the output itself, and losing at most
 * two seconds of scrollback to a host crash is acceptable.
 */
export const SCROLLBACK_SNAPSHOT_DELAY_MS = 2_000;

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
