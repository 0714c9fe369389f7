import { SkeinError, type Terminal } from '../../../src-shared/contract';
import type { Publisher, Subscriber } from '../events';
import { createLogger } from '../log';
import {
  QUICK_SAVE_TAIL_CHARS,
  SCROLLBACK_SNAPSHOT_DELAY_MS,
  SCROLLBACK_SNAPSHOT_MAX_DELAY_MS,
} from './constants';
import { FlowControl } from './flow-control';
import { FrameCoalescer } from './frame-coalescer';
import type { MirrorWorker } from './mirror-worker';
import type { ScreenMirror } from './screen-mirror';
import { exitNotice, RESTART_NOTICE } from './screen-notices';
import { spawnTerminalProcess, type ProcessExit, type TerminalProcess } from './terminal-process';
import type { TerminalStore } from './terminal-store';
import type { TerminalStats } from './types';
import type { LaunchCommand } from './pty-launch';
import { UnsavedTail } from './unsaved-tail';

const log = createLogger('terminals');

/** Flow-control party for the host's own mirror: xterm parses asynchronously, so it can fall behind too. */
const MIRROR_PARTY = 'host:screen-mirror';

export interface SessionLaunch {
  launch: LaunchCommand;
  env: Record<string, string>;
}

export interface TerminalSessionDeps {
  store: TerminalStore;
  publisher: Publisher;
  mirrors: MirrorWorker;
}

interface Attachment {
  subscriber: Subscriber;
  stopWatchingClose: () => void;
  /** Frames that came before the attach reply went out; null once they flow straight to the client. */
  held: string[] | null;
}

/**
 * One terminal: its record, the process running in it (if any), the host's mirror of its screen and
 * the clients attached to it. Output goes to the mirror and, coalesced into frames, to attached
 * clients only; flow control pauses the pty while any of them is too far behind.
 */
export class TerminalSession {
  private mirror: ScreenMirror | null = null;
  private process: TerminalProcess | null = null;
  /** Every process started here that has not exited yet (a restarted one may still be dying). */
  private readonly live = new Set<TerminalProcess>();
  private readonly attachments = new Map<string, Attachment>();
  private readonly flow = new FlowControl((paused) => {
    if (!paused) {
      this.process?.resume();
      return;
    }
    this.process?.pause();
    // Whoever paused it, the mirror must not be what keeps it paused (see ScreenMirror.held).
    this.mirror?.held();
  });
  private readonly frames = new FrameCoalescer((id, frame) => this.sendFrame(id, frame));
  private exitWaiters: Array<(exitCode: number | null) => void> = [];
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** When the oldest unsaved output arrived: bounds how long a flood can postpone the save. */
  private dirtySince: number | null = null;
  private dirty = false;
  /** Closed or disposed: late events from dying processes are ignored. */
  private ended = false;
  private readonly tail = new UnsavedTail(QUICK_SAVE_TAIL_CHARS);

  constructor(
    private readonly terminal: Terminal,
    private readonly deps: TerminalSessionDeps,
  ) {}

  get id(): string {
    return this.terminal.id;
  }

  get threadId(): string {
    return this.terminal.threadId;
  }

  get record(): Terminal {
    return { ...this.terminal };
  }

  /** Starts a process; the terminal must not have a running one. */
  start({ launch, env }: SessionLaunch): void {
    const process: TerminalProcess = spawnTerminalProcess({
      launch,
      env,
      cwd: this.terminal.cwd,
      cols: this.terminal.cols,
      rows: this.terminal.rows,
      onData: (data) => {
        if (this.process === process && !this.ended) this.emit(data);
      },
      onExit: (exit) => {
        this.live.delete(process);
        if (this.process === process && !this.ended) this.handleExit(exit);
      },
    });
    this.live.add(process);
    this.process = process;
    if (this.flow.isPaused) process.pause();
    this.terminal.status = 'running';
    this.terminal.exitCode = null;
  }

  async attach(subscriber: Subscriber): Promise<{ terminal: Terminal; screen: string }> {
    // A client attaching again (a remounted panel) gets a fresh screen; its old pending frames would repeat it.
    this.detach(subscriber.id);
    // The screen request goes to the mirror behind everything emitted so far, and everything emitted
    // from now on goes to this subscriber's frames, both synchronously here: nothing is lost or sent twice.
    const screenRequest = this.ensureMirror().serialize();
    const attachment: Attachment = { subscriber, stopWatchingClose: () => undefined, held: [] };
    this.attachments.set(subscriber.id, attachment);
    this.flow.track(subscriber.id);
    // Registered last: a subscriber that is already closed detaches at once.
    attachment.stopWatchingClose = subscriber.onClose(() => this.detach(subscriber.id));
    let screen = '';
    try {
      screen = await screenRequest;
    } catch (error) {
      // The mirror's worker died: the client still gets the live output, on an empty screen.
      log.error(`The screen of terminal ${this.terminal.id} was lost`, error);
    }
    // Held frames follow the reply: it is sent when this resolves, within the current turn.
    setImmediate(() => this.releaseHeld(attachment));
    return { terminal: this.record, screen };
  }

  detach(subscriberId: string): void {
    const attachment = this.attachments.get(subscriberId);
    if (!attachment) return;
    this.attachments.delete(subscriberId);
    attachment.stopWatchingClose();
    this.frames.remove(subscriberId);
    this.flow.drop(subscriberId);
  }

  ack(subscriberId: string, chars: number): void {
    this.flow.acked(subscriberId, chars);
  }

  input(data: string): void {
    if (!this.process || this.terminal.status !== 'running') {
      throw new SkeinError(
        'TERMINAL_EXITED',
        `The process in terminal "${this.terminal.title}" has ended; restart the terminal to type in it.`,
      );
    }
    this.process.write(data);
  }

  resize(cols: number, rows: number): void {
    this.terminal.cols = cols;
    this.terminal.rows = rows;
    this.process?.resize(cols, rows);
    this.mirror?.resize(cols, rows);
    this.tail.resized();
    this.deps.store.updateSize(this.terminal.id, cols, rows);
  }

  kill(): void {
    this.process?.terminate();
  }

  /** A fresh shell in this terminal; the old screen stays above a "[process restarted]" line. */
  restart(launch: SessionLaunch): void {
    const previous = this.process;
    if (previous) {
      // The old process's exit is ignored from here on (it is no longer `this.process`).
      this.process = null;
      previous.terminate();
      this.resolveExitWaiters(null);
    }
    this.emit(RESTART_NOTICE);
    this.start(launch);
    this.deps.store.updateStatus(this.terminal.id, 'running', null);
    this.publishUpdated();
  }

  waitForExit(): Promise<number | null> {
    if (this.terminal.status === 'exited') return Promise.resolve(this.terminal.exitCode);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Ends the processes (the exit is recorded as usual) and saves the screen. */
  async stop(): Promise<void> {
    await Promise.all([...this.live].map((process) => process.terminateAndWait()));
    await this.snapshot();
  }

  /** Saves the screen if it changed since the last save. */
  async snapshot(): Promise<void> {
    this.clearSnapshotTimer();
    this.dirtySince = null;
    const mirror = this.mirror;
    if (!this.dirty || !mirror || this.ended) return;
    // Output from now on is not in this save: it marks the screen dirty again.
    this.dirty = false;
    const restoreTail = this.tail.beginSave();
    // Parsed state rather than a raw tail, so the stored screen is trimmed to the scrollback limit.
    let screen: string;
    try {
      screen = await mirror.serialize({ settled: true });
    } catch (error) {
      // The worker died with the mirror; the last save stays, and the next output is saved again.
      this.dirty = true;
      restoreTail();
      log.error(`The screen of terminal ${this.terminal.id} was lost before it could be saved`, error);
      return;
    }
    if (this.ended) return;
    try {
      this.deps.store.saveScrollback(this.terminal.id, screen);
      this.tail.stored(screen);
    } catch (error) {
      // A full or read-only data folder: the last save stays, and the next output tries again.
      this.dirty = true;
      restoreTail();
      throw error;
    }
  }

  /**
   * The save of a host that is quitting: the last saved screen plus the raw output since, stored at
   * once, so the mirror worker need not serialize the whole scrollback; a full save when that tail
   * is unknown or too long. The next run's mirror parses and trims it.
   */
  async quickSnapshot(): Promise<void> {
    const screen = this.dirty && this.mirror && !this.ended ? this.tail.quickScreen() : null;
    if (screen === null) return this.snapshot();
    this.clearSnapshotTimer();
    this.dirtySince = null;
    this.dirty = false;
    try {
      this.deps.store.saveScrollback(this.terminal.id, screen);
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /**
   * Detaches everyone, ends every process and frees the mirror. Events arriving after this are
   * ignored, so the record keeps the status it had (the next host start reports it as ended).
   */
  async end(): Promise<void> {
    this.ended = true;
    this.clearSnapshotTimer();
    for (const id of [...this.attachments.keys()]) this.detach(id);
    this.frames.dispose();
    this.resolveExitWaiters(null);
    await Promise.all([...this.live].map((process) => process.terminateAndWait()));
    this.mirror?.dispose();
    this.mirror = null;
  }

  stats(): TerminalStats {
    const flow = this.flow.snapshot();
    const pendingFrameChars: Record<string, number> = {};
    for (const id of this.attachments.keys()) pendingFrameChars[id] = this.frames.pendingChars(id);
    return {
      paused: flow.paused,
      pauseCount: flow.pauseCount,
      unacked: flow.unacked,
      pendingFrameChars,
      unparsedChars: this.mirror?.unparsedChars ?? 0,
      pids: [...this.live].map((process) => process.pid),
    };
  }

  private ensureMirror(): ScreenMirror {
    if (this.mirror) return this.mirror;
    const mirror = this.deps.mirrors.open({
      cols: this.terminal.cols,
      rows: this.terminal.rows,
      onParsed: (chars) => this.flow.acked(MIRROR_PARTY, chars),
      onLost: () => {
        // Rebuilt from the last save on the next output or attach; meanwhile it holds nothing back.
        if (this.mirror !== mirror) return;
        this.mirror = null;
        this.flow.drop(MIRROR_PARTY);
      },
    });
    this.mirror = mirror;
    this.flow.track(MIRROR_PARTY);
    // A terminal from an earlier host run starts from its saved screen.
    const saved = this.deps.store.loadScrollback(this.terminal.id);
    this.tail.loaded(saved);
    if (saved) {
      mirror.write(saved);
      this.flow.sent(MIRROR_PARTY, saved.length);
    }
    return mirror;
  }

  /** Output (or a notice) to the mirror and to every attached client. */
  private emit(data: string): void {
    this.ensureMirror().write(data);
    this.tail.output(data);
    this.flow.sent(MIRROR_PARTY, data.length);
    for (const id of this.attachments.keys()) {
      this.frames.push(id, data);
      this.flow.sent(id, data.length);
    }
    this.dirty = true;
    this.scheduleSnapshot();
  }

  /** Saves once output goes quiet, or after SCROLLBACK_SNAPSHOT_MAX_DELAY_MS of continuous output. */
  private scheduleSnapshot(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    const deadline = this.dirtySince + SCROLLBACK_SNAPSHOT_MAX_DELAY_MS;
    const delay = Math.max(0, Math.min(SCROLLBACK_SNAPSHOT_DELAY_MS, deadline - now));
    this.clearSnapshotTimer();
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.snapshot().catch((error: unknown) =>
        log.error(`Saving the screen of terminal ${this.terminal.id} failed`, error),
      );
    }, delay).unref();
  }

  private sendFrame(subscriberId: string, frame: string): void {
    const attachment = this.attachments.get(subscriberId);
    if (!attachment) return;
    if (attachment.held) attachment.held.push(frame);
    else attachment.subscriber.notify('terminal/data', { terminalId: this.terminal.id, data: frame });
  }

  private releaseHeld(attachment: Attachment): void {
    const held = attachment.held;
    attachment.held = null;
    if (!held?.length || this.attachments.get(attachment.subscriber.id) !== attachment) return;
    attachment.subscriber.notify('terminal/data', { terminalId: this.terminal.id, data: held.join('') });
  }

  private handleExit(exit: ProcessExit): void {
    this.process = null;
    this.terminal.status = 'exited';
    this.terminal.exitCode = exit.exitCode;
    this.emit(exitNotice(exit));
    this.frames.flush();
    try {
      this.deps.store.updateStatus(this.terminal.id, 'exited', exit.exitCode);
    } catch (error) {
      // Thrown from the pty's exit event it would end the host; the next start marks the record ended.
      log.error(`Recording the exit of terminal ${this.terminal.id} failed`, error);
    }
    this.publishUpdated();
    this.resolveExitWaiters(exit.exitCode);
  }

  private resolveExitWaiters(exitCode: number | null): void {
    const waiters = this.exitWaiters;
    this.exitWaiters = [];
    for (const resolve of waiters) resolve(exitCode);
  }

  private publishUpdated(): void {
    this.deps.publisher.publish('terminal/updated', { terminal: this.record });
  }

  private clearSnapshotTimer(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
  }
}
