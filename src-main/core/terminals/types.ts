import type { Terminal } from '../../../src-shared/contract';
import type { Subscriber } from '../events';

export interface OpenTerminalInput {
  threadId: string;
  cwd: string;
  cols?: number;
  rows?: number;
  title?: string;
  purpose?: 'shell' | 'setup';
  /** Run this command (through the user's shell) instead of an interactive shell; the terminal ends with it. */
  command?: string;
  env?: Record<string, string>;
}

export interface TerminalService {
  open(input: OpenTerminalInput): Terminal;
  get(terminalId: string): Terminal;
  list(threadId: string): Terminal[];
  /** Subscribes the client to this terminal's output and returns the current screen (serialized). */
  attach(terminalId: string, subscriber: Subscriber): { terminal: Terminal; screen: string };
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
}
