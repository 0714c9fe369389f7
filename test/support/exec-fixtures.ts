import { spawnSkein } from './skein-cli-process';

/** tsx compiles the CLI from source and the host opens its database and worktree: 15-60 s on a busy 2-core machine. */
export const EXEC_RUN_TIMEOUT_MS = 120_000;

export interface ExecEventLine {
  type: string;
  [field: string]: unknown;
}

export interface ExecRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The process environment as the string-only record spawn takes. */
export function stringEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Runs `skein exec ARGS` from source to its exit, with `stdin` written and closed (closed empty when
 * absent, as in CI where nothing is piped). Killed, and the test failed, after `timeoutMs`.
 */
export async function runExecCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: {
    stdin?: string;
    timeoutMs?: number;
    /** Sends `signal` once stdout matches `when` (once). */
    signal?: { when: RegExp; signal: NodeJS.Signals };
  } = {},
): Promise<ExecRun> {
  const child = spawnSkein(['exec', ...args], stringEnv(env));
  const { signal } = options;
  if (signal) {
    const check = () => {
      if (!signal.when.test(child.stdout())) return;
      child.child.stdout.off('data', check);
      child.child.kill(signal.signal);
    };
    child.child.stdout.on('data', check);
  }
  child.child.stdin.end(options.stdin ?? '');
  const timeoutMs = options.timeoutMs ?? EXEC_RUN_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
  );
  const result = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await child.stop('SIGKILL');
    throw new Error(`skein exec did not exit within ${timeoutMs} ms. stderr:\n${child.stderr()}`);
  }
  return { ...result, stdout: child.stdout(), stderr: child.stderr() };
}

/** stdout of a --json run as events; throws on a line that is not a JSON object with a type. */
export function parseEvents(stdout: string): ExecEventLine[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const value = JSON.parse(line) as unknown;
      if (
        typeof value !== 'object' ||
        value === null ||
        typeof (value as { type?: unknown }).type !== 'string'
      ) {
        throw new Error(`Not an exec event: ${line}`);
      }
      return value as ExecEventLine;
    });
}

/** The event types in order, with consecutive `item.updated` lines folded into one (their count varies with timing). */
export function eventOutline(events: readonly ExecEventLine[]): string[] {
  const outline: string[] = [];
  for (const event of events) {
    const item = event.item as { type?: string } | undefined;
    const label = item ? `${event.type}:${item.type}` : event.type;
    if (event.type === 'item.updated' && outline.at(-1) === label) continue;
    outline.push(label);
  }
  return outline;
}
