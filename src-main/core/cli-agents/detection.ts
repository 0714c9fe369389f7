import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { CliAgentDetection } from '../../../src-shared/contract';
import { loginShellPath } from '../agents/backends';

/** `--version` answers within a second for every preset; 5 s leaves room for a cold npm launcher. */
export const VERSION_TIMEOUT_MS = 5_000;
/** Version output is one line; anything longer is noise (a banner, an error page). */
const VERSION_MAX_CHARS = 200;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An absolute executable path as given, or the first executable `name` on a PATH string. */
export function findExecutable(name: string, searchPath: string): string | null {
  if (isAbsolute(name)) return isExecutableFile(name) ? name : null;
  if (name.includes('/')) return null;
  for (const folder of searchPath.split(delimiter)) {
    if (folder === '' || !isAbsolute(folder)) continue;
    const candidate = join(folder, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** First non-empty line of a version command's output (stdout, else stderr), trimmed and bounded. */
export function firstLine(stdout: string, stderr: string): string | null {
  for (const text of [stdout, stderr]) {
    const line = text
      .split(/\r?\n/)
      .map((candidate) => candidate.trim())
      .find((candidate) => candidate !== '');
    if (line) return line.slice(0, VERSION_MAX_CHARS);
  }
  return null;
}

export function readVersion(
  path: string,
  versionArgs: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      path,
      [...versionArgs],
      { env, timeout: VERSION_TIMEOUT_MS, encoding: 'utf8', maxBuffer: 64 * 1024 },
      (_error, stdout, stderr) => resolve(firstLine(stdout ?? '', stderr ?? '')),
    );
  });
}

export async function detectExecutable(
  executable: string,
  versionArgs: readonly string[],
  searchPath: string,
  env: NodeJS.ProcessEnv,
): Promise<CliAgentDetection> {
  const path = findExecutable(executable, searchPath);
  if (!path) {
    return {
      found: false,
      path: null,
      version: null,
      error: isAbsolute(executable)
        ? `${executable} does not exist or is not executable.`
        : `${executable} is not on your login shell's PATH.`,
    };
  }
  const version = await readVersion(path, versionArgs, { ...env, PATH: searchPath });
  return {
    found: true,
    path,
    version,
    error: version === null ? `${path} did not print a version within ${VERSION_TIMEOUT_MS / 1000} s.` : null,
  };
}

/**
 * The PATH the user's login shell sets up (where npm -g, Homebrew, ~/.local/bin live), asked once and
 * cached: a login shell can take a second to start. Falls back to the host's own PATH.
 */
export function createLoginPathCache(
  env: NodeJS.ProcessEnv,
  probe = loginShellPath,
): {
  get(): Promise<string>;
  clear(): void;
} {
  let cached: Promise<string> | null = null;
  return {
    get() {
      cached ??= probe(env).then((path) => path ?? env.PATH ?? '');
      return cached;
    },
    clear() {
      cached = null;
    },
  };
}
