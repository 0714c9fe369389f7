import type { MirrorHeap } from './mirror-worker-body';
import type { Terminal } from '../../../src-shared/contract';
import type { Publisher, Subscriber } from '../events';
import type { SqliteDatabase } from '../store';
import type { TerminalShell } from './pty-launch';

export interface TerminalServiceOptions {
  db: SqliteDatabase;
  publisher: Publisher;
  /**
   * The shell terminals run: a path (started as a login shell, `-l`) or a file with explicit
   * arguments (e.g. `{ file: '/bin/bash', args: ['--noprofile', '--norc'] }`). Default: $SHELL, else /bin/bash.
   */
  shell?: TerminalShell;
}

export interface OpenTerminalInput {
  threadId: string;
  cwd: string;
  cols?: number;
  rows?: number;
  title?: string;
  purpose?: 'shell' | 'setup';
  /** Run this command (through the user's shell) instead of an interactive shell; the terminal ends with it. */
  command?: string;
  /**
   * Run this program instead: `[file, ...args]`, exec'd directly (no shell parses it), so arguments
   * such as a prompt arrive verbatim. A bare file name is looked up on `env.PATH` (else the host's PATH).
   */
  argv?: string[];
  env?: Record<string, string>;
}

/** Read-only flow-control and process figures of one terminal, for tests and diagnostics. */
export interface TerminalStats {
  /** Whether the pty is paused because a consumer is too far behind. */
  paused: boolean;
  pauseCount: number;
  /** Chars sent and not acknowledged, per subscriber id (and the host's own mirror). */
  unacked: Record<string, number>;
  /** Chars gathered for the next frame, per subscriber id. */
  pendingFrameChars: Record<string, number>;
  /**
   * Chars sent to the host's mirror and not taken in yet. It takes output in up to
   * MIRROR_DEFER_MAX_CHARS ahead of parsing, so this counts only what flow control holds back.
   */
  unparsedChars: number;
  /** Processes of this terminal that have not exited yet. */
  pids: number[];
}

export interface TerminalService {
  open(input: OpenTerminalInput): Terminal;
  get(terminalId: string): Terminal;
  list(threadId: string): Terminal[];
  /**
   * Subscribes the client to this terminal's output and resolves to the current screen (serialized).
   * Output that follows reaches the client after the reply; none is lost or repeated.
   */
  attach(terminalId: string, subscriber: Subscriber): Promise<{ terminal: Terminal; screen: string }>;
  detach(terminalId: string, subscriber: Subscriber): void;
  input(terminalId: string, data: string): void;
  resize(terminalId: string, cols: number, rows: number): void;
  /** Flow control: the subscriber has rendered this many more characters. */
  ack(terminalId: string, subscriber: Subscriber, chars: number): void;
  kill(terminalId: string): void;
  restart(terminalId: string): Terminal;
  /** Removes the terminal and its stored scrollback. */
  close(terminalId: string): void;
  /** Resolves with the exit code when the terminal's process ends (null if killed by a signal). */
  waitForExit(terminalId: string): Promise<number | null>;
  /** Ends every process of a thread (archive/delete), keeping the scrollback. */
  stopThread(threadId: string): Promise<void>;
  /** Snapshots every scrollback and ends every process. */
  dispose(): Promise<void>;
  stats(terminalId: string): TerminalStats;
  /** The screen mirrors' worker heap, for host/memory; null when no worker runs. */
  mirrorHeap(collect: boolean): Promise<MirrorHeap | null>;
}
