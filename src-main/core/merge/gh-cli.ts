import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** `gh auth status` asks the API whether the token works; past this it counts as not logged in. */
export const GH_STATUS_TIMEOUT_MS = 15_000;
/** `gh pr create` pushes nothing itself but talks to the API; a minute covers a slow network. */
export const GH_CREATE_TIMEOUT_MS = 60_000;
/** Output kept from gh; a pull request URL and error messages are far shorter. */
const GH_OUTPUT_LIMIT = 64 * 1024;

export interface GhResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The first `name` on the PATH of `env` that is an executable file. */
export async function findExecutable(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '' || !isAbsolute(folder)) continue;
    for (const candidate of names) {
      const path = join(folder, candidate);
      try {
        await access(path, constants.X_OK);
        return path;
      } catch {
        // Not here; keep looking along the PATH.
      }
    }
  }
  return null;
}

/** Runs gh processes, never interactively, and stops them on dispose. */
export function createGhRunner() {
  const running = new Set<ChildProcess>();
  return {
    run(
      executable: string,
      args: string[],
      options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
    ): Promise<GhResult> {
      return new Promise((resolve, reject) => {
        const child = spawn(executable, args, {
          cwd: options.cwd,
          // gh must never wait on a prompt or a pager: the host has no one at a terminal to answer.
          env: {
            ...options.env,
            GH_PROMPT_DISABLED: '1',
            GH_NO_UPDATE_NOTIFIER: '1',
            GH_PAGER: 'cat',
            NO_COLOR: '1',
            GIT_TERMINAL_PROMPT: '0',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true,
        });
        running.add(child);
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        const keep = (text: string, chunk: Buffer): string =>
          text.length < GH_OUTPUT_LIMIT ? text + chunk.toString('utf8') : text;
        child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
        child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, options.timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          running.delete(child);
          reject(error);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          running.delete(child);
          resolve({ exitCode: code, stdout, stderr, timedOut });
        });
      });
    },
    dispose(): void {
      for (const child of running) child.kill('SIGTERM');
      running.clear();
    },
  };
}

export type GhRunner = ReturnType<typeof createGhRunner>;

/** The last http(s) URL gh printed: `gh pr create` ends with the new pull request's. */
export function lastUrl(output: string): string | null {
  const urls = output.match(/https?:\/\/\S+/g);
  return urls?.at(-1) ?? null;
}
