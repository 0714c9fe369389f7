import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_PATH = resolve(REPO_ROOT, 'out', 'cli', 'skein.js');
const RENDERER_INDEX = resolve(REPO_ROOT, 'out', 'renderer', 'index.html');

/** Start-up includes opening SQLite and a reconcile; a cold 2-core machine needs a few seconds. */
const SERVE_START_TIMEOUT_MS = 30_000;
const SERVE_STOP_GRACE_MS = 5_000;

export interface ServeProcess {
  /** The page URL with its token, as printed by `skein serve`. */
  url: string;
  /** What the server wrote to stderr so far, for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(CLI_PATH) || !existsSync(RENDERER_INDEX)) {
    throw new Error(
      `The e2e tests run the built app; run \`npm run build\` first (missing ${CLI_PATH} or ${RENDERER_INDEX}).`,
    );
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Runs `node out/cli/skein.js serve --data <dataDir>` and resolves once it prints its URL.
 * Terminals run bash as a login shell, so HOME points at an empty folder: the machine's own
 * profile (prompt themes, version managers, a stale pyenv lock) must not decide whether a test passes.
 */
export async function startServe(
  dataDir: string,
  homeDir: string,
  /** Variables on top of this process's (e.g. the agent's provider and model). */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  assertBuilt();
  mkdirSync(homeDir, { recursive: true });
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--data', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, SHELL: '/bin/bash', HOME: homeDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, SERVE_STOP_GRACE_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, SERVE_STOP_GRACE_MS);
    }
  };
  try {
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`skein serve printed no URL within ${SERVE_START_TIMEOUT_MS} ms`)),
        SERVE_START_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Skein serving at (\S+)/.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          found(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`skein serve exited with ${code} before printing its URL`));
      });
    });
    return { url, stderr: () => stderr, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nstderr:\n${stderr}`);
  }
}
