import { spawn } from 'node:child_process';
import type { MessageChannel } from '../../src-shared/contract';
import { createStdioChannel } from '../host/transports/stdio-channel';

/** One running host, however it was started (a Node child in development, a utility process when packaged). */
export interface HostProcess {
  readonly pid: number | undefined;
  readonly channel: MessageChannel;
  /** Resolves once the process is gone, with what happened ("exited with code 1"). */
  readonly exited: Promise<string>;
  /** Asks it to stop, escalating to SIGTERM and SIGKILL; resolves when it is gone. */
  stop(): Promise<void>;
}

export type HostLauncher = () => HostProcess;

/**
 * Time for a host to dispose after its input closes. An idle host needs well under a second, but one
 * stopping 32 threads mid-turn took 7.3 s on a loaded 2-core machine (the soak, docs/reliability.md),
 * and a host killed before it is done leaves its terminals', agents' and MCP servers' processes behind.
 */
export const STOP_GRACE_MS = 10_000;
/** Time after SIGTERM before SIGKILL. */
export const TERM_GRACE_MS = 2_000;

export interface StopGraces {
  stopGraceMs: number;
  termGraceMs: number;
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Stops a process politely: `ask` (close its input / send SIGTERM), then SIGTERM, then SIGKILL,
 * each after a grace. Shared by both launchers so they escalate the same way.
 */
export async function stopEscalating(
  gone: Promise<unknown>,
  steps: { ask(): void; terminate(): void; kill(): void },
  graces: StopGraces,
): Promise<void> {
  steps.ask();
  if (await settlesWithin(gone, graces.stopGraceMs)) return;
  steps.terminate();
  if (await settlesWithin(gone, graces.termGraceMs)) return;
  steps.kill();
  await gone;
}

export interface ChildHostLaunchOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  graces?: Partial<StopGraces>;
}

/** Starts the host as a plain child process speaking newline-delimited JSON on its stdin/stdout. */
export function createChildHostLauncher(options: ChildHostLaunchOptions): HostLauncher {
  const graces: StopGraces = { stopGraceMs: STOP_GRACE_MS, termGraceMs: TERM_GRACE_MS, ...options.graces };
  return () => {
    // stderr is inherited: the host's log lines show up in the app's own log.
    const child = spawn(options.command, [...options.args], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: options.env ?? process.env,
      cwd: options.cwd,
      windowsHide: true,
    });
    const channel = createStdioChannel({ input: child.stdout, output: child.stdin, ownsStreams: true });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) =>
        resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`),
      );
      child.once('error', (error) => {
        if (child.pid === undefined) resolve(`could not start (${error.message})`);
      });
    });
    let stopping: Promise<void> | undefined;
    return {
      pid: child.pid,
      channel,
      exited,
      stop() {
        stopping ??= stopEscalating(
          exited,
          {
            // End of stdin is the host's cue to dispose and exit 0.
            ask: () => channel.close(),
            terminate: () => child.kill('SIGTERM'),
            kill: () => child.kill('SIGKILL'),
          },
          graces,
        );
        return stopping;
      },
    };
  };
}
