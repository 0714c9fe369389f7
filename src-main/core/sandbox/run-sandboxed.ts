import { spawn } from 'node:child_process';
import { HeadTailBuffer } from './output-buffer';
import type { WrappedCommand } from './types';

/** Per stream: enough for a long test run's head and tail, small enough to hold for many threads. */
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;
/** After SIGTERM, how long a timed-out command gets to clean up before its group is SIGKILLed. */
const KILL_GRACE_MS = 1_000;
/**
 * After the command exits, how long to wait for its output pipes to close. A background child
 * (`server &`) keeps them open forever; past this the leftover group is killed and we return.
 */
const DRAIN_AFTER_EXIT_MS = 500;

export interface RunSandboxedOptions {
  cwd: string;
  timeoutMs: number;
  maxOutputBytes?: number;
  /** Text written to the command's stdin, which is then closed; stdin is empty otherwise. */
  stdin?: string;
  signal?: AbortSignal;
  /** Each chunk of output as it arrives (live output in the UI); the result still has it all. */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export interface RunSandboxedResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Bytes dropped from the middle of each stream (0 when it fit). */
  stdoutOmittedBytes: number;
  stderrOmittedBytes: number;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
}

/**
 * Runs a wrapped command in its own process group, so a timeout or an abort kills everything it
 * started (`make` and its compilers, a test runner and its workers), not just the shell.
 */
export function runSandboxed(
  wrapped: WrappedCommand,
  options: RunSandboxedOptions,
): Promise<RunSandboxedResult> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new HeadTailBuffer(limit);
  const stderr = new HeadTailBuffer(limit);
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const child = spawn(wrapped.file, wrapped.args, {
      cwd: options.cwd,
      env: wrapped.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let settled = false;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, action: () => void): void => {
      timers.add(setTimeout(action, ms));
    };

    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const stop = (): void => {
      killGroup('SIGTERM');
      later(KILL_GRACE_MS, () => killGroup('SIGKILL'));
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever is left of the group (a background job holding the pipes) goes with the command.
      killGroup('SIGKILL');
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        stdoutOmittedBytes: stdout.omittedBytes,
        stderrOmittedBytes: stderr.omittedBytes,
        durationMs: Math.round(performance.now() - started),
        timedOut,
        aborted,
      });
    };
    const onAbort = (): void => {
      aborted = true;
      stop();
    };

    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onOutput?.(chunk, 'stderr');
    });
    // A command that reads stdin gets EOF at once rather than waiting forever.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      later(DRAIN_AFTER_EXIT_MS, finish);
    });
    child.on('close', finish);

    later(options.timeoutMs, () => {
      timedOut = true;
      stop();
    });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
