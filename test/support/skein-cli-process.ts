import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI_SOURCE = join(REPO_ROOT, 'src-main', 'host', 'cli.ts');
const CLI_BUILT = join(REPO_ROOT, 'out', 'cli', 'skein.js');
/** What the bundled CLI is built from: when any of it is newer than the bundle, the bundle is stale. */
const CLI_INPUTS = ['src-main', 'src-shared'].map((folder) => join(REPO_ROOT, folder));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

let cliArgs: readonly string[] | null = null;

/**
 * The node arguments that start the `skein` CLI: the bundle `npm run build` wrote (as `npm test` runs
 * it) when it is newer than every source file, else the sources through tsx. tsx compiles the whole
 * host on each start (15–60 s on a busy 2-core machine against about 1 s for the bundle), and a
 * stale bundle would test old code.
 */
export function skeinCliArgs(): readonly string[] {
  if (cliArgs) return cliArgs;
  const fresh =
    existsSync(CLI_BUILT) &&
    statSync(CLI_BUILT).mtimeMs > Math.max(...CLI_INPUTS.map((folder) => newestMtime(folder)));
  cliArgs = fresh ? [CLI_BUILT] : ['--import', 'tsx', CLI_SOURCE];
  return cliArgs;
}

export interface SkeinProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first complete stdout line. */
  firstLine(timeoutMs?: number): Promise<string>;
  /** Sends a signal (default SIGTERM) and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the `skein` CLI (see skeinCliArgs) with pipes on all three streams. */
export function spawnSkein(args: readonly string[], env: Record<string, string> = {}): SkeinProcess {
  const child = spawn(process.execPath, [...skeinCliArgs(), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, SKEIN_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    firstLine(timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const newline = out.indexOf('\n');
          if (newline === -1) return false;
          cleanup();
          resolve(out.slice(0, newline));
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No stdout line within ${timeoutMs} ms. stderr:\n${err}`));
        }, timeoutMs);
        const onExit = () => {
          if (check()) return;
          cleanup();
          reject(new Error(`skein exited before printing a line. stderr:\n${err}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        if (check()) return;
        child.stdout.on('data', check);
        child.once('exit', onExit);
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}
