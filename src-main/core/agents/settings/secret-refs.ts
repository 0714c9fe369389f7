import { randomBytes } from 'node:crypto';

/**
 * What a settings row holds in place of a secret value (an MCP server's env or header value, an
 * OTLP header): a reference to the named secret in the key store plus a revision drawn anew
 * whenever the value changes. The revision makes a changed secret a changed configuration, so the
 * MCP manager (which keys servers by their configuration) starts a new server with it; the name
 * keeps a user's and a project's same-looking servers apart.
 */
export const SECRET_REF_PREFIX = 'skein-secret:';
/** Random bytes of a revision: enough that two revisions of one secret never meet. */
const REVISION_BYTES = 6;

export const isSecretRef = (value: string): boolean => value.startsWith(SECRET_REF_PREFIX);

export function newSecretRef(name: string): string {
  return `${SECRET_REF_PREFIX}${name}#${randomBytes(REVISION_BYTES).toString('hex')}`;
}

/** The secret's name inside a reference (header names may hold `#`; the revision never does). */
export function refName(ref: string): string {
  const body = ref.slice(SECRET_REF_PREFIX.length);
  const hash = body.lastIndexOf('#');
  return hash < 0 ? body : body.slice(0, hash);
}
