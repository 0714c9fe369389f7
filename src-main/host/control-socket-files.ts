import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, SkeinError } from '../../src-shared/contract';

/** The local control endpoint of the host holding a data folder's lock, and the token that opens it. */
export const CONTROL_SOCKET_FILE = 'host.sock';
export const CONTROL_TOKEN_FILE = 'host.token';

/** 32 random bytes, as the serve token: far beyond guessing. */
const TOKEN_BYTES = 32;
/** A named pipe's name needs to be unique per data folder, not secret: 64 bits of the hash are plenty. */
const PIPE_HASH_CHARS = 16;

/** The first frame a client sends on the control socket; not a contract method (it never reaches the router). */
export const AUTHENTICATE_METHOD = 'control/authenticate';

/** `<data>/host.sock`; on Windows the named pipe `\\.\pipe\skein-<hash of the data folder>` (pipes live in their own namespace). */
export function controlSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const hash = createHash('sha256').update(dataDir, 'utf8').digest('hex').slice(0, PIPE_HASH_CHARS);
    return `\\\\.\\pipe\\skein-${hash}`;
  }
  return join(dataDir, CONTROL_SOCKET_FILE);
}

export function controlTokenPath(dataDir: string): string {
  return join(dataDir, CONTROL_TOKEN_FILE);
}

/** A fresh token in `<data>/host.token` (0600; written whole, then renamed, so a reader never sees half of one). */
export function writeControlToken(dataDir: string): string {
  const token = randomBytes(TOKEN_BYTES).toString('hex');
  const file = controlTokenPath(dataDir);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${token}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return token;
}

export function readControlToken(dataDir: string): string {
  const file = controlTokenPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SkeinError(
      'UNAUTHORIZED',
      `Could not read the host's token at ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Only the user running the Skein host can reach it.`,
    );
  }
  return text.trim();
}

/** Removes the token file if it is still this host's (a newer host may have written its own). */
export function removeControlToken(dataDir: string, token: string): void {
  try {
    if (readControlToken(dataDir) === token) rmSync(controlTokenPath(dataDir), { force: true });
  } catch {
    // Already gone.
  }
}

export function authenticateFrame(token: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 0, method: AUTHENTICATE_METHOD, params: { token } });
}

export function authenticatedFrame(id: string | number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result: { ok: true } });
}

export function refusedFrame(id: string | number | null, message: string): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: { code: ERROR_CODES.UNAUTHORIZED, message, data: { kind: 'UNAUTHORIZED' } },
  });
}

/** The id and token of an authenticate frame; token null when the frame is anything else. */
export function parseAuthenticateFrame(text: string): { id: string | number | null; token: string | null } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null, token: null };
  }
  if (typeof message !== 'object' || message === null) return { id: null, token: null };
  const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  const token = (params as { token?: unknown } | undefined)?.token;
  if (method !== AUTHENTICATE_METHOD || typeof token !== 'string') return { id: validId, token: null };
  return { id: validId, token };
}
