import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Host names that only ever reach this machine. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for names and addresses that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = stripBrackets(host.trim().toLowerCase());
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function isWildcardHost(host: string): boolean {
  const bare = stripBrackets(host.trim());
  return bare === '0.0.0.0' || bare === '::';
}

/** A host as it appears in a URL or Host header: IPv6 literals in brackets. */
export function formatUrlHost(host: string): string {
  const bare = stripBrackets(host);
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

/**
 * Every `name:port` a legitimate request may carry in its Host header. Checking it defeats DNS
 * rebinding: a hostile page whose name resolves to 127.0.0.1 still sends its own name as Host.
 * A remote bind adds the bound address, or for a wildcard bind every local interface address.
 */
export function allowedHostHeaders(bindHost: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (!isLoopbackHost(bindHost)) {
    if (isWildcardHost(bindHost)) {
      for (const addresses of Object.values(networkInterfaces())) {
        for (const address of addresses ?? []) names.add(formatUrlHost(address.address).toLowerCase());
      }
    } else {
      names.add(formatUrlHost(bindHost).toLowerCase());
    }
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** The host to print in the start-up URL: loopback when the bind allows it, since that always works locally. */
export function displayHost(bindHost: string): string {
  if (isWildcardHost(bindHost) || stripBrackets(bindHost) === '127.0.0.1') return '127.0.0.1';
  return formatUrlHost(bindHost);
}
