import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { SkeinError } from '../../../../../src-shared/contract';

const run = promisify(execFile);

/**
 * The oldest Codex we drive. The app-server protocol is marked experimental and changes between
 * releases; codex-protocol.ts was written against 0.169.0 and the integration test runs it, so
 * that is the floor until an older release is tested.
 */
export const MIN_CODEX_VERSION = '0.169.0';
/** A login shell runs the user's profile, which can be slow (nvm, conda); past this we use our own PATH. */
const LOGIN_SHELL_TIMEOUT_MS = 5_000;
/** `codex --version` is a native binary printing one line; anything longer means it hangs. */
const VERSION_TIMEOUT_MS = 10_000;
const PATH_MARKER = '__SKEIN_LOGIN_PATH__';

export interface CodexBinary {
  path: string;
  version: string;
}

export interface FindCodexOptions {
  /** A path the user configured; when set, only it is tried. */
  configuredPath?: string | null;
  env?: NodeJS.ProcessEnv;
  /** The PATH to search; read from the user's login shell when absent. */
  searchPath?: string;
}

/** `codex-cli 0.169.0` → `0.169.0`; null when the text carries no version. */
export function parseCodexVersion(text: string): string | null {
  const match = /(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?/.exec(text);
  return match ? match[0] : null;
}

/** Compares the numeric major.minor.patch parts; a pre-release counts as its release. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) =>
    version
      .split('-')[0]!
      .split('.')
      .map((part) => Number(part) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The PATH a login shell printed between our markers (profiles may print their own lines around it). */
export function parseLoginShellPath(stdout: string): string | null {
  const start = stdout.indexOf(PATH_MARKER);
  if (start < 0) return null;
  const end = stdout.indexOf(PATH_MARKER, start + PATH_MARKER.length);
  if (end < 0) return null;
  const value = stdout.slice(start + PATH_MARKER.length, end).trim();
  return value === '' ? null : value;
}

/**
 * The PATH of the user's login shell: an app started from the dock gets a bare PATH, while the
 * user installed codex where their profile points (npm's global bin, Homebrew, ~/.local/bin).
 */
export async function loginShellPath(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const shell = env.SHELL || '/bin/sh';
  try {
    const { stdout } = await run(
      shell,
      ['-l', '-c', `printf '%s%s%s' '${PATH_MARKER}' "$PATH" '${PATH_MARKER}'`],
      {
        env,
        timeout: LOGIN_SHELL_TIMEOUT_MS,
        encoding: 'utf8',
      },
    );
    return parseLoginShellPath(stdout);
  } catch {
    return null;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `codex` on a PATH string. */
export function findOnPath(searchPath: string, name = 'codex'): string | null {
  for (const folder of searchPath.split(delimiter)) {
    if (folder === '' || !isAbsolute(folder)) continue;
    const candidate = join(folder, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function versionOf(path: string, env: NodeJS.ProcessEnv): Promise<string> {
  let output: string;
  try {
    const { stdout } = await run(path, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' });
    output = stdout;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SkeinError(
      'UNSUPPORTED',
      `Codex at ${path} did not answer "codex --version" (${reason}); reinstall it with "npm install -g @openai/codex".`,
      { path },
    );
  }
  const version = parseCodexVersion(output);
  if (!version) {
    throw new SkeinError(
      'UNSUPPORTED',
      `Codex at ${path} printed no version ("${output.trim().slice(0, 80)}"); check that it is the OpenAI Codex CLI.`,
      { path },
    );
  }
  return version;
}

/** Refuses a Codex older than MIN_CODEX_VERSION with a sentence saying how to update. */
export function assertSupportedVersion(binary: CodexBinary): void {
  if (compareVersions(binary.version, MIN_CODEX_VERSION) >= 0) return;
  throw new SkeinError(
    'UNSUPPORTED',
    `Codex ${binary.version} at ${binary.path} is too old; Skein needs ${MIN_CODEX_VERSION} or newer. Update it with "npm install -g @openai/codex@latest".`,
    { path: binary.path, version: binary.version, minimum: MIN_CODEX_VERSION },
  );
}

/** Finds codex (the configured path, else the login shell's PATH, else ours), reads and checks its version. */
export async function findCodexBinary(options: FindCodexOptions = {}): Promise<CodexBinary> {
  const env = options.env ?? process.env;
  let path: string | null;
  if (options.configuredPath) {
    if (!isExecutableFile(options.configuredPath)) {
      throw new SkeinError(
        'NOT_FOUND',
        `The configured Codex path ${options.configuredPath} is not an executable file; fix the path in the backend settings or clear it to search your PATH.`,
        { path: options.configuredPath },
      );
    }
    path = options.configuredPath;
  } else {
    const searchPath = options.searchPath ?? (await loginShellPath(env)) ?? env.PATH ?? '';
    path = findOnPath(searchPath);
    if (!path) {
      throw new SkeinError(
        'NOT_FOUND',
        'Codex is not installed or not on your PATH; install it with "npm install -g @openai/codex" or set its path in the backend settings.',
      );
    }
  }
  const binary = { path, version: await versionOf(path, env) };
  assertSupportedVersion(binary);
  return binary;
}
