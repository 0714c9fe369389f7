/**
 * Tuning numbers for terminals, each with where it comes from.
 * Chars are UTF-16 code units (JavaScript string length): what the host sends and what the client counts.
 */

/**
 * Flow control: pause the pty once a consumer has more than 1,000,000 chars it has not acknowledged,
 * resume once it is under 500,000. VS Code's pty host pauses at 100,000 and resumes under 5,000
 * (src/vs/platform/terminal/common/terminal.ts, `FlowControlConstants`), but over a WebSocket to a
 * page that acks after parsing, that window empties faster than an ack can travel back and the
 * output resume: in bench/terminal-throughput the page sat idle between bursts. In alternating 8 MB
 * runs 1,000,000/500,000 was ahead of 200,000/100,000 in 7 of 8 pairs (0.41-0.94x of xterm.js alone
 * against 0.39-0.65x).
 * The cost: after Ctrl+C in a flooding terminal, up to this much output still reaches the screen
 * (0.1-0.3 s of xterm's parsing), and a consumer can hold ~2 MB per terminal. A background
 * terminal's flood cannot delay another terminal's echo through this window: the page paces
 * background terminals itself (src-renderer/features/terminal/output-pacer.ts).
 */
export const FLOW_CONTROL_HIGH_WATERMARK_CHARS = 1_000_000;
export const FLOW_CONTROL_LOW_WATERMARK_CHARS = 500_000;

/**
 * Output is gathered per subscriber and sent as one `terminal/data` frame at most every 8 ms: half
 * a 60 Hz display frame, so coalescing never delays a paint, while the many tiny reads a pty
 * produces (often a few bytes each) become one message instead of hundreds per second. The first
 * chunk after a quiet interval goes out at once, so a keystroke's echo never waits for the timer.
 */
export const FRAME_INTERVAL_MS = 8;

/**
 * While output floods (the last frame held at least FLOOD_FRAME_CHARS, i.e. over 2 MB/s at 8 ms),
 * frames go out every 16 ms instead: half as many JSON messages and socket writes per MB. In
 * bench/terminal-throughput the host alone then delivered 9-10 MB/s to a socket client instead of
 * 6-7. Nothing interactive is that large, so typing and redraws keep the 8 ms interval.
 */
export const FLOOD_FRAME_INTERVAL_MS = 16;
export const FLOOD_FRAME_CHARS = 16_000;

/**
 * Linux nice value of the screen-mirror worker thread. The mirrors are bookkeeping (attach, saved
 * scrollback) and should not hold up typing: when the CPU is short, the worker yields part of its
 * share to the host's main thread, the shells and the page, and flow control slows the floods it
 * cannot keep up with. In bench/terminal-echo (8 floods, one run each, same hour) echo p50 / p99 were
 * 92 / 247 ms at nice 0, 57 / 221 at 5 and 40 / 129 at 10. Not 10: at 10 a busy machine (a build on
 * every core) would leave the worker so little CPU that it throttles the flood the user is watching,
 * too; at 5 it still gets about a third of a contended core.
 */
export const MIRROR_WORKER_NICE = 5;

/**
 * The screen mirrors parse output in batches: once a terminal has been quiet for
 * MIRROR_DEFER_QUIET_MS, at the latest MIRROR_DEFER_MAX_DELAY_MS after the output arrived, or once
 * MIRROR_DEFER_MAX_CHARS wait. An attach, a save or a resize parses what waits first, so nobody sees
 * the delay: nothing reads a mirror in between. Plain output that a flood pushes out of the
 * scrollback is dropped unparsed (mirror-skip.ts, decision record 0005): as it comes, at each check
 * of the backlog (every MIRROR_DEFER_MAX_UNSKIPPABLE_CHARS of it), so a flood's backlog stays about
 * the scrollback's size and is parsed once, when the flood stops. A flood then costs the mirror about
 * 0.014 CPU-s per MB (0.46 s per 33.6 MB in bench/terminal-throughput; 0.9 s when a batch was parsed
 * at every cap, 3 s before batches). A short quiet wait would cut a flood that flow control delivers
 * in bursts into batches too small to skip anything. The cap bounds a terminal's backlog (4 M chars,
 * 4-8 MB); the mirror acknowledges output that far ahead of parsing, and flow control bounds the
 * rest. Output a skip cannot drop (cursor moves, erases) is acknowledged only as it is parsed, and
 * parsed once 1 M chars of it wait, as before batches: a quitting host saves a flooding terminal's
 * screen after parsing what waits, and with 4 M chars of such output waiting quitting took 1.5 s
 * instead of 0.7 (0.7 again now). A pty that flow control paused is quiet: the mirror is told
 * (ScreenMirror.held) and checks its backlog at once rather than wait for that quiet, which held the
 * pty for up to the whole quiet wait after the client had caught up.
 */
export const MIRROR_DEFER_QUIET_MS = 1_000;
export const MIRROR_DEFER_MAX_DELAY_MS = 5_000;
export const MIRROR_DEFER_MAX_CHARS = 4_000_000;
/** At the high watermark: the pty pauses there, so a backlog that is not acknowledged ahead reaches it. */
export const MIRROR_DEFER_MAX_UNSKIPPABLE_CHARS = FLOW_CONTROL_HIGH_WATERMARK_CHARS;

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
 * Raw output since the last save a quitting host stores as is (saved screen + tail) instead of a full
 * serialize: 256 K chars covers 30 s of a chatty dev server; a flood past it gets the full save.
 */
export const QUICK_SAVE_TAIL_CHARS = 256 * 1024;

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
