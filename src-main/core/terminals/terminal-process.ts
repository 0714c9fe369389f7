import { closeSync, constants, openSync } from 'node:fs';
import { spawn, type IPty } from 'node-pty';
import { createLogger } from '../log';
import { EXIT_WAIT_AFTER_KILL_MS, KILL_GRACE_MS, PAUSED_EXIT_POLL_MS } from './constants';
import type { LaunchCommand } from './pty-launch';

const log = createLogger('terminals');

export interface ProcessExit {
  /** The exit code, or null when a signal ended the process. */
  exitCode: number | null;
  signal: number | null;
}

/** One process running in a pty. A terminal gets a new one on restart. */
export interface TerminalProcess {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  readonly hasExited: boolean;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  /** SIGHUP (a shell passes it on to its jobs), then SIGKILL to the process group after a grace period. */
  terminate(): void;
  /** Terminates and resolves once the process is gone (or logs and gives up after a bounded wait). */
  terminateAndWait(): Promise<void>;
}

export interface SpawnTerminalProcessOptions {
  launch: LaunchCommand;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  onData: (data: string) => void;
  onExit: (exit: ProcessExit) => void;
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sendSignal(pid: number, signal: NodeJS.Signals, group: boolean): void {
  try {
    // The pty's process is a session leader, so its process group id is its pid.
    process.kill(group && process.platform !== 'win32' ? -pid : pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH')
      log.warn(`Could not send ${signal} to ${pid}`, error);
  }
}

/**
 * Opens the pty's slave side in the host and keeps it open until the exit is reported. On Linux the
 * master returns EIO as soon as the last slave closes, even with output still queued, and node-pty
 * stops reading there: a command that prints more than ~4 KB and exits loses its tail
 * (microsoft/node-pty#85, #726; Bun keeps a parent slave fd for the same reason). With our fd open
 * the master never sees EIO; node-pty reads on until it closes the socket 200 ms after the exit.
 */
function holdSlaveSide(pty: IPty): number | null {
  const ptsName = (pty as IPty & { ptsName?: string }).ptsName;
  if (process.platform === 'win32' || !ptsName) return null;
  try {
    // O_NOCTTY: the host must never acquire the terminal as its controlling tty.
    return openSync(ptsName, constants.O_RDWR | constants.O_NOCTTY);
  } catch (error) {
    log.warn(`Could not hold ${ptsName} open; output printed right before an exit may be cut`, error);
    return null;
  }
}

export function spawnTerminalProcess(options: SpawnTerminalProcessOptions): TerminalProcess {
  const pty: IPty = spawn(options.launch.file, options.launch.args, {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: options.env,
  });
  let slaveFd = holdSlaveSide(pty);
  let hasExited = false;
  let killTimer: NodeJS.Timeout | null = null;
  let pausedExitWatch: NodeJS.Timeout | null = null;
  /** The process is gone: flow control no longer applies, what is left in the pty is bounded by the kernel buffer. */
  let draining = false;
  let resolveExited: (exit: ProcessExit) => void = () => undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    resolveExited = resolve;
  });

  const dataSubscription = pty.onData((data) => options.onData(data));
  const exitSubscription = pty.onExit(({ exitCode, signal }) => {
    hasExited = true;
    if (killTimer) clearTimeout(killTimer);
    if (pausedExitWatch) clearInterval(pausedExitWatch);
    dataSubscription.dispose();
    exitSubscription.dispose();
    if (slaveFd !== null) closeSync(slaveFd);
    slaveFd = null;
    const exit: ProcessExit = signal ? { exitCode: null, signal } : { exitCode, signal: null };
    options.onExit(exit);
    resolveExited(exit);
  });

  const terminate = (): void => {
    if (hasExited || killTimer) return;
    // A paused pty is not read, so the process could block on a full buffer instead of seeing the hangup.
    pty.resume();
    sendSignal(pty.pid, 'SIGHUP', false);
    killTimer = setTimeout(() => {
      if (!hasExited) sendSignal(pty.pid, 'SIGKILL', true);
      if (!hasExited) sendSignal(pty.pid, 'SIGKILL', false);
    }, KILL_GRACE_MS);
  };

  return {
    pid: pty.pid,
    exited,
    get hasExited() {
      return hasExited;
    },
    write(data) {
      if (!hasExited) pty.write(data);
    },
    resize(cols, rows) {
      if (hasExited) return;
      try {
        pty.resize(cols, rows);
      } catch (error) {
        // The process can be gone a moment before its exit event; the next restart uses the new size anyway.
        log.debug(`Resize of ${pty.pid} failed`, error);
      }
    },
    pause() {
      if (hasExited || draining) return;
      pty.pause();
      // node-pty closes the pty 200 ms after the process exits, read or not: a process that ends while
      // the pty is paused would lose its last output. Watch for that and resume to drain it.
      pausedExitWatch ??= setInterval(() => {
        if (!isGone(pty.pid)) return;
        draining = true;
        if (pausedExitWatch) clearInterval(pausedExitWatch);
        pausedExitWatch = null;
        pty.resume();
      }, PAUSED_EXIT_POLL_MS);
    },
    resume() {
      if (pausedExitWatch) clearInterval(pausedExitWatch);
      pausedExitWatch = null;
      if (!hasExited) pty.resume();
    },
    terminate,
    async terminateAndWait() {
      terminate();
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), KILL_GRACE_MS + EXIT_WAIT_AFTER_KILL_MS);
      });
      const outcome = await Promise.race([exited, gaveUp]);
      clearTimeout(timer);
      if (outcome === 'timeout') log.error(`Terminal process ${pty.pid} did not exit after SIGKILL`);
    },
  };
}
