import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Lines of a server's stderr kept for error messages: enough for a stack trace's head, not a log. */
export const STDERR_TAIL_LINES = 20;
/** A long stderr line (minified JSON, a progress bar) is cut to this many characters. */
const STDERR_LINE_CHARS = 500;
/** How long a server gets to exit after its stdin closes (MCP's stdio shutdown), then after SIGTERM. */
const EXIT_GRACE_MS = 1_500;

export interface StdioServerCommand {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/** How the process ended: its exit code or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The MCP stdio transport (newline-delimited JSON-RPC over the child's stdin/stdout), written over
 * the SDK's framing because its own `StdioClientTransport` neither tells how the process ended (exit
 * code, signal) nor waits for it to be gone after SIGKILL. The server runs in its own process group
 * so wrappers such as `npx` die with their child.
 */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | null = null;
  private readonly buffer = new ReadBuffer();
  private readonly stderrLines: string[] = [];
  private partialLine = '';
  private exitInfo: ProcessExit | null = null;
  private exited: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(private readonly server: StdioServerCommand) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** How the process ended; null while it runs (or before it started). */
  get exit(): ProcessExit | null {
    return this.exitInfo;
  }

  /** Whether `close()` was asked (an exit after it is no crash). */
  get closedByUs(): boolean {
    return this.closing;
  }

  /** The last lines the server wrote to stderr. */
  stderrTail(): string {
    const lines = this.partialLine ? [...this.stderrLines, this.partialLine] : this.stderrLines;
    return lines.slice(-STDERR_TAIL_LINES).join('\n');
  }

  start(): Promise<void> {
    if (this.child) throw new Error('The MCP server process was already started.');
    return new Promise((resolve, reject) => {
      const child = spawn(this.server.command, this.server.args ?? [], {
        // The SDK's minimal inherited environment (PATH, HOME, …) plus the configuration's: never the host's keys.
        env: { ...getDefaultEnvironment(), ...this.server.env },
        cwd: this.server.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.child = child;
      this.exited = new Promise((done) => {
        child.once('close', () => done());
        // A command that could not be spawned has no process to wait for.
        child.once('error', () => {
          if (child.pid === undefined) done();
        });
      });
      child.on('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        // What the server started (an npx wrapper's child) goes with it.
        this.signalGroup(child, 'SIGKILL');
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        this.buffer.append(chunk);
        this.readMessages();
      });
      child.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk.toString('utf8')));
    });
  }

  private readMessages(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        // A line that is not JSON-RPC (a server printing logs to stdout): reported, and skipped.
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  private keepStderr(text: string): void {
    const lines = (this.partialLine + text).split(/\r?\n/);
    this.partialLine = (lines.pop() ?? '').slice(0, STDERR_LINE_CHARS);
    for (const line of lines) {
      if (line.trim() === '') continue;
      this.stderrLines.push(line.slice(0, STDERR_LINE_CHARS));
    }
    if (this.stderrLines.length > STDERR_TAIL_LINES)
      this.stderrLines.splice(0, this.stderrLines.length - STDERR_TAIL_LINES);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || this.exitInfo) {
        reject(new Error('The MCP server process is not running.'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends the server: stdin closed (the spec's shutdown), then SIGTERM, then SIGKILL; resolves once it is gone. */
  async close(): Promise<void> {
    this.closing = true;
    const child = this.child;
    if (!child || this.exitInfo) return;
    const gone = () => this.exitInfo !== null;
    const waitExit = (ms: number) =>
      Promise.race([this.exited, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
    child.stdin?.end();
    await waitExit(EXIT_GRACE_MS);
    if (!gone()) this.signalGroup(child, 'SIGTERM');
    await waitExit(EXIT_GRACE_MS);
    if (!gone()) this.signalGroup(child, 'SIGKILL');
    await this.exited;
  }

  private signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      // The whole group (a negative pid): wrappers like npx leave their child running otherwise.
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
      else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    } catch {
      // The group is gone already.
    }
  }
}
