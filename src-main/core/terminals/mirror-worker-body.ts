import type { SerializeAddon } from '@xterm/addon-serialize';
import type { Terminal } from '@xterm/headless';
import type { planMirrorSkip } from './mirror-skip';

/**
 * The screen mirrors' side of the worker thread: one headless xterm (+ serialize addon) per terminal.
 * `runMirrorWorker` is started from its own source text (mirror-worker.ts builds it with
 * `Function.prototype.toString`), so it must use nothing from this module's scope: only its
 * parameters and globals. Imports here are types only.
 */

export type ToMirrorWorker =
  | { type: 'open'; id: string; cols: number; rows: number; scrollback: number }
  | { type: 'write'; id: string; data: string }
  | { type: 'resize'; id: string; cols: number; rows: number }
  /**
   * `settled`: wait until everything written before is parsed, and serialize the parsed state only
   * (trimmed to the scrollback). Otherwise answer at once with the parsed state plus the raw text
   * still queued for parsing, which rebuilds the same screen.
   */
  | { type: 'serialize'; id: string; request: number; settled: boolean }
  | { type: 'close'; id: string }
  /**
   * Flow control paused the pty: what waits is acknowledged now if a check allows, or parsed now.
   * A paused pty is quiet, so a backlog waiting for quiet would hold it paused for the whole wait.
   */
  | { type: 'held'; id: string }
  /** The worker's own V8 heap (host/memory): the main thread cannot read another isolate's. */
  | { type: 'memory'; request: number; collect: boolean };

export type FromMirrorWorker =
  | { type: 'ready' }
  /**
   * Chars taken in since the last report, per mirror: the mirror's flow-control acks. Output is
   * acknowledged up to `deferral.maxChars` ahead of parsing (see `settle`).
   */
  | { type: 'parsed'; counts: Array<[string, number]> }
  | { type: 'serialized'; request: number; text: string }
  | { type: 'memory'; request: number; heap: MirrorHeap | null };

export interface MirrorHeap {
  usedBytes: number;
  totalBytes: number;
  /** Typed-array memory outside the heap: each scrollback line's cells live in one. */
  arrayBuffersBytes: number;
}

/** The messages of one turn of the host's event loop, in order. */
export interface MirrorWorkerBatch {
  messages: ToMirrorWorker[];
}

export interface MirrorWorkerPort {
  on(event: 'message', listener: (batch: MirrorWorkerBatch) => void): unknown;
  postMessage(message: FromMirrorWorker): void;
}

/** When a mirror parses its output (see MIRROR_DEFER_* in constants.ts). */
export interface MirrorDeferral {
  /** Output is parsed once the terminal has been quiet this long... */
  quietMs: number;
  /** ...or at the latest this long after it arrived... */
  maxDelayMs: number;
  /** ...or once this many chars wait; also how far ahead of parsing the mirror acknowledges output. */
  maxChars: number;
  /**
   * ...or once this many chars wait that a skip would not drop (output that moves the cursor or
   * switches modes), checked at every multiple of it: such a batch costs its full parse.
   */
  maxUnskippableChars: number;
}

export interface MirrorWorkerModules {
  Terminal: typeof Terminal;
  SerializeAddon: typeof SerializeAddon;
  /** mirror-skip.ts's planner (passed in: the worker runs from source text). */
  planSkip: typeof planMirrorSkip;
  deferral: MirrorDeferral;
  /** This isolate's heap, after a full collection when asked; absent where the mirrors share the host's isolate. */
  heap?: (collect: boolean) => MirrorHeap;
}

export function runMirrorWorker(port: MirrorWorkerPort, modules: MirrorWorkerModules): void {
  interface Mirror {
    terminal: Terminal;
    serializer: SerializeAddon;
    scrollback: number;
    /** Chunks handed to xterm and not parsed yet, oldest first; xterm calls back once per chunk, in order. */
    unparsed: Array<{ text: string; chars: number }>;
    /**
     * Output not handed to xterm yet: parsed in one go when the terminal pauses (see `drain`). A
     * check may have replaced its start with the pen of what it dropped (`tooMuchToParse`).
     */
    backlog: string[];
    /** Chars of output in the backlog (the pen standing in for dropped output is not output). */
    backlogChars: number;
    /** Length of that stand-in at the start of the backlog's text. */
    backlogStandIn: number;
    /** Chars at the start of the backlog's text a check found plain: the next check scans on from there. */
    backlogPlain: number;
    /** Chars received, acknowledged to the host, and consumed (parsed, or dropped by a skip). */
    received: number;
    acked: number;
    consumed: number;
    quietTimer: ReturnType<typeof setTimeout> | null;
    deadlineTimer: ReturnType<typeof setTimeout> | null;
    /** A drain came while xterm was still parsing: it runs once xterm is done. */
    drainWhenParsed: boolean;
    /** Backlog size at which to check next how much of it a skip would leave to parse. */
    nextCheckAt: number;
    /**
     * How far ahead of parsing output is acknowledged: none (as without batches) until the backlog
     * proved skippable, then `maxChars`. Flow control pauses the pty at its high watermark, which
     * must not be below `maxUnskippableChars`, or the backlog would never reach the check.
     */
    ackAhead: number;
  }
  const { deferral } = modules;
  const mirrors = new Map<string, Mirror>();
  const parsed = new Map<string, number>();
  let reportScheduled = false;

  // One report per turn: xterm parses in slices of ~12 ms, each calling back for many chunks.
  const report = (): void => {
    reportScheduled = false;
    if (parsed.size === 0) return;
    const counts = [...parsed];
    parsed.clear();
    port.postMessage({ type: 'parsed', counts });
  };

  /**
   * Acknowledges output ahead of what is consumed (`ackAhead`): a backlog waiting for the terminal
   * to pause does not stall its pty, and the host's flow control still bounds the memory.
   */
  const settle = (id: string, mirror: Mirror): void => {
    const target = Math.max(mirror.consumed, Math.min(mirror.received, mirror.consumed + mirror.ackAhead));
    if (target <= mirror.acked) return;
    parsed.set(id, (parsed.get(id) ?? 0) + target - mirror.acked);
    mirror.acked = target;
    if (reportScheduled) return;
    reportScheduled = true;
    setImmediate(report);
  };

  const clearTimers = (mirror: Mirror): void => {
    if (mirror.quietTimer) clearTimeout(mirror.quietTimer);
    if (mirror.deadlineTimer) clearTimeout(mirror.deadlineTimer);
    mirror.quietTimer = null;
    mirror.deadlineTimer = null;
  };

  /**
   * The skip is safe only where plain output cannot reach what it drops: the normal screen, a
   * full-height scroll region, origin mode off, and nothing older still queued in xterm.
   */
  const canSkip = (mirror: Mirror): boolean => {
    if (mirror.unparsed.length > 0) return false;
    const { terminal } = mirror;
    if (terminal.buffer.active.type !== 'normal' || terminal.modes.originMode) return false;
    const core = (
      terminal as unknown as { _core?: { buffer?: { scrollTop?: number; scrollBottom?: number } } }
    )._core;
    return core?.buffer?.scrollTop === 0 && core.buffer.scrollBottom === terminal.rows - 1;
  };

  const keepLines = (mirror: Mirror): number => mirror.scrollback + 2 * mirror.terminal.rows + 2;

  /**
   * Checks the backlog at every multiple of `maxUnskippableChars` of it, and whenever the pty is
   * `held`. Plain output that scrolled past the scrollback is dropped there and then, when the screen
   * allows a skip: a flood is then never parsed while it lasts, only its last lines once it stops.
   * Output a skip cannot drop is parsed once there is `maxUnskippableChars` of it: a quitting host's
   * last save parses what waits, and should not find 4 M chars of cursor moves.
   */
  const tooMuchToParse = (mirror: Mirror, held: boolean): boolean => {
    if (held ? mirror.ackAhead >= deferral.maxChars : mirror.backlogChars < mirror.nextCheckAt) return false;
    const text = mirror.backlog.join('');
    mirror.backlog = [text];
    // The plan reads the text alone. Dropping needs a screen that allows it, and nothing queued in
    // xterm ahead of the backlog; otherwise the drop waits for the batch's parse (`drain`).
    const { plainEnd, plan } = modules.planSkip(text, keepLines(mirror), mirror.backlogPlain);
    mirror.backlogPlain = plainEnd;
    if (plan && canSkip(mirror)) {
      const dropped = Math.max(0, plan.cut - mirror.backlogStandIn);
      mirror.backlog = [plan.replay + text.slice(plan.cut)];
      mirror.backlogStandIn = plan.replay.length;
      mirror.backlogPlain = plan.replay.length + plainEnd - plan.cut;
      mirror.backlogChars -= dropped;
      mirror.consumed += dropped;
    }
    mirror.nextCheckAt = mirror.backlogChars + deferral.maxUnskippableChars;
    if (text.length - (plan?.cut ?? 0) > deferral.maxUnskippableChars) return true;
    // Plain so far: let it grow to `maxChars`, acknowledged as it comes.
    mirror.ackAhead = deferral.maxChars;
    return false;
  };

  /**
   * Hands the backlog to xterm, minus whatever a flood pushed past the scrollback. Timers and the
   * size cap wait while xterm still parses an earlier batch (`forced` false): the backlog keeps
   * growing meanwhile, and the larger batch skips more. Serialize and resize cannot wait.
   */
  const drain = (id: string, mirror: Mirror, forced: boolean): void => {
    clearTimers(mirror);
    if (mirror.backlogChars === 0) return;
    if (!forced && mirror.unparsed.length > 0) {
      mirror.drainWhenParsed = true;
      return;
    }
    mirror.drainWhenParsed = false;
    let text = mirror.backlog.join('');
    const chars = mirror.backlogChars;
    const plainFrom = mirror.backlogPlain;
    mirror.backlog = [];
    mirror.backlogChars = 0;
    mirror.backlogStandIn = 0;
    mirror.backlogPlain = 0;
    mirror.nextCheckAt = deferral.maxUnskippableChars;
    const plan = canSkip(mirror) ? modules.planSkip(text, keepLines(mirror), plainFrom).plan : null;
    if (plan) text = plan.replay + text.slice(plan.cut);
    // A flood that skipped goes on being acknowledged ahead; any other output waits for its parse.
    mirror.ackAhead = plan ? deferral.maxChars : 0;
    const entry = { text, chars };
    mirror.unparsed.push(entry);
    mirror.terminal.write(text, () => {
      mirror.unparsed.shift();
      mirror.consumed += entry.chars;
      if (mirrors.get(id) !== mirror) return;
      if (mirror.unparsed.length === 0 && mirror.drainWhenParsed) drain(id, mirror, false);
      else review(id, mirror);
    });
  };

  /**
   * Parses the backlog now if it is too large to wait; otherwise acknowledges what it may. `held`:
   * the pty is paused, so the backlog is checked now rather than at its next multiple.
   */
  const review = (id: string, mirror: Mirror, held = false): boolean => {
    if (
      mirror.backlogChars > 0 &&
      (mirror.backlogChars >= deferral.maxChars || tooMuchToParse(mirror, held))
    ) {
      drain(id, mirror, false);
      return true;
    }
    settle(id, mirror);
    return false;
  };

  const defer = (id: string, mirror: Mirror): void => {
    if (mirror.drainWhenParsed || review(id, mirror)) return;
    if (mirror.quietTimer) clearTimeout(mirror.quietTimer);
    mirror.quietTimer = setTimeout(() => drain(id, mirror, false), deferral.quietMs);
    mirror.deadlineTimer ??= setTimeout(() => drain(id, mirror, false), deferral.maxDelayMs);
  };

  const handle = (message: ToMirrorWorker): void => {
    if (message.type === 'open') {
      const terminal = new modules.Terminal({
        cols: message.cols,
        rows: message.rows,
        scrollback: message.scrollback,
        allowProposedApi: true,
      });
      const serializer = new modules.SerializeAddon();
      terminal.loadAddon(serializer);
      mirrors.set(message.id, {
        terminal,
        serializer,
        scrollback: message.scrollback,
        unparsed: [],
        backlog: [],
        backlogChars: 0,
        backlogStandIn: 0,
        backlogPlain: 0,
        received: 0,
        acked: 0,
        consumed: 0,
        quietTimer: null,
        deadlineTimer: null,
        drainWhenParsed: false,
        nextCheckAt: deferral.maxUnskippableChars,
        ackAhead: 0,
      });
      return;
    }
    if (message.type === 'memory') {
      port.postMessage({
        type: 'memory',
        request: message.request,
        heap: modules.heap?.(message.collect) ?? null,
      });
      return;
    }
    const mirror = mirrors.get(message.id);
    if (message.type === 'serialize') {
      const answer = (text: string): void =>
        port.postMessage({ type: 'serialized', request: message.request, text });
      if (!mirror) {
        answer('');
        return;
      }
      drain(message.id, mirror, true);
      if (message.settled) mirror.terminal.write('', () => answer(mirror.serializer.serialize()));
      else answer(mirror.serializer.serialize() + mirror.unparsed.map((entry) => entry.text).join(''));
      return;
    }
    if (!mirror) return;
    if (message.type === 'write') {
      mirror.backlog.push(message.data);
      mirror.backlogChars += message.data.length;
      mirror.received += message.data.length;
      settle(message.id, mirror);
      defer(message.id, mirror);
    } else if (message.type === 'held') {
      // Parsing under way acknowledges as it goes, and drains the rest when it ends.
      if (!mirror.drainWhenParsed) review(message.id, mirror, true);
    } else if (message.type === 'resize') {
      // Output written before the resize is parsed at the old size, as the pty printed it.
      drain(message.id, mirror, true);
      mirror.terminal.resize(message.cols, message.rows);
    } else {
      clearTimers(mirror);
      mirrors.delete(message.id);
      parsed.delete(message.id);
      mirror.serializer.dispose();
      mirror.terminal.dispose();
    }
  };

  port.on('message', (batch) => {
    for (const message of batch.messages) handle(message);
  });
  port.postMessage({ type: 'ready' });
}
