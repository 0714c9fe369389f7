import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const RPC_PATH = '/rpc';

/** 32 random bytes: far beyond guessing, even for a page that can try many tokens per second. */
const TOKEN_BYTES = 32;

export function createServeToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison takes the same time
 * whatever the length of the guess (timingSafeEqual itself needs equal lengths).
 */
export function tokensMatch(expected: string, given: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export interface UpgradeRules {
  token: string;
  /** Accepted Host header values (`127.0.0.1:PORT`, ...), lower-case. */
  allowedHosts: ReadonlySet<string>;
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

/**
 * Decides whether a WebSocket upgrade may reach the host. Order matters only for the message:
 * every check must pass. Host (DNS rebinding), then Origin (cross-site pages), then the token.
 */
export function checkRpcUpgrade(
  url: string | undefined,
  headers: IncomingHttpHeaders,
  rules: UpgradeRules,
): UpgradeVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '/', 'http://placeholder');
  } catch {
    return { ok: false, status: 400, reason: 'The request target is not a valid URL.' };
  }
  if (parsed.pathname !== RPC_PATH)
    return { ok: false, status: 404, reason: `WebSockets are served at ${RPC_PATH} only.` };
  const host = headers.host?.toLowerCase();
  if (!host || !rules.allowedHosts.has(host)) {
    return { ok: false, status: 403, reason: 'The Host header does not name this server.' };
  }
  const origin = headers.origin?.toLowerCase();
  const originHost = origin?.startsWith('http://') ? origin.slice('http://'.length) : undefined;
  if (!originHost || !rules.allowedHosts.has(originHost)) {
    return { ok: false, status: 403, reason: 'Only pages served by this server may connect.' };
  }
  const token = parsed.searchParams.get('token');
  if (!token || !tokensMatch(rules.token, token)) {
    return {
      ok: false,
      status: 401,
      reason: 'A valid token is required; use the URL printed by `skein serve`.',
    };
  }
  return { ok: true };
}
