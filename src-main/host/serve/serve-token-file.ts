import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../core/log';
import { createServeToken } from './rpc-upgrade';

const log = createLogger('serve');

/**
 * `skein serve` keeps its token in `<data>/serve-token` so a restart (after a crash, a reboot, an
 * upgrade) prints the same URL and a page left open reconnects by itself.
 *
 * Security: the data folder is already the trust boundary. It holds the 0600 key file, the control
 * socket's token and the SQLite store; whoever can read it can already run commands as the user, so
 * a token kept there (0600 too) opens nothing new. What persisting does change is the token's
 * lifetime; `--new-token` ends it, and a file others could read is never reused.
 */
export const SERVE_TOKEN_FILE = 'serve-token';
/** The port the last `skein serve` on this folder listened on (not secret), tried first when --port is left out. */
export const SERVE_PORT_FILE = 'serve-port';

const TOKEN_FILE_MODE = 0o600;
/** What createServeToken makes: 32 random bytes in base64url, 43 characters, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Group and other permission bits: any of them set means someone else may have read the token. */
const FOREIGN_ACCESS_BITS = 0o077;

export function serveTokenPath(dataDir: string): string {
  return join(dataDir, SERVE_TOKEN_FILE);
}

/** Written whole to a private temporary file, then renamed over: a reader never sees half a token. */
function writeAtomically(file: string, text: string, mode: number): void {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    // 'wx' after removing a leftover: the mode applies only to a file this call creates.
    rmSync(partial, { force: true });
    writeFileSync(partial, text, { mode, flag: 'wx' });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Why the stored token cannot be reused, or null when it can. */
function reasonToReplace(file: string, platform: NodeJS.Platform): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'absent' : `unreadable (${code ?? 'unknown error'})`;
  }
  if (!TOKEN_PATTERN.test(text.trim())) return 'malformed';
  // Windows has no mode bits; the data folder's ACL is what protects it there.
  if (platform !== 'win32' && (statSync(file).mode & FOREIGN_ACCESS_BITS) !== 0) {
    return 'readable by other users';
  }
  return null;
}

export interface ServeTokenChoice {
  token: string;
  /** How the token was obtained, for the log. */
  source: 'stored' | 'created' | 'rotated' | 'replaced';
}

/**
 * The token for this data folder: the stored one, or a fresh one (stored) when there is none, when
 * `rotate` is set, or when the file is malformed or exposed (with a warning). Call with the data
 * folder's lock held, so two hosts never write it at once.
 */
export function loadServeToken(
  dataDir: string,
  options: { rotate?: boolean; platform?: NodeJS.Platform } = {},
): ServeTokenChoice {
  const file = serveTokenPath(dataDir);
  const why = options.rotate ? 'rotated' : reasonToReplace(file, options.platform ?? process.platform);
  if (why === null) return { token: readFileSync(file, 'utf8').trim(), source: 'stored' };
  if (why !== 'absent' && why !== 'rotated') {
    log.warn(
      `The serve token file ${file} is ${why}; replacing it with a fresh token (open pages need the new URL).`,
    );
  }
  const token = createServeToken();
  writeAtomically(file, `${token}\n`, TOKEN_FILE_MODE);
  return { token, source: why === 'absent' ? 'created' : why === 'rotated' ? 'rotated' : 'replaced' };
}

/** The port the previous serve on this folder used, or null. */
export function readLastServePort(dataDir: string): number | null {
  try {
    const text = readFileSync(join(dataDir, SERVE_PORT_FILE), 'utf8').trim();
    const port = Number(text);
    return /^\d+$/.test(text) && port > 0 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export function writeLastServePort(dataDir: string, port: number): void {
  try {
    writeAtomically(join(dataDir, SERVE_PORT_FILE), `${port}\n`, TOKEN_FILE_MODE);
  } catch (error) {
    // Only convenience is lost: the next start picks a free port.
    log.warn(`Could not remember the serve port in ${dataDir}`, error);
  }
}
