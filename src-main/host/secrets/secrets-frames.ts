import { z } from 'zod';

/**
 * The secrets channel between a desktop host and Electron main, multiplexed on the host's pipe.
 * The host asks main to seal (encrypt) and unseal keys with safeStorage; main answers on the same
 * pipe and never relays either direction to the window. Frames are recognised by a fixed prefix
 * (the host and main both build them with these key orders), so main checks each host frame in
 * O(1) instead of parsing terminal output. Ids are random: a window cannot forge an answer it has
 * never seen the question of, and it never sees one.
 */
export const SECRETS_ID_PREFIX = 'skein-secrets:';
export const SECRETS_REQUEST_PREFIX = '{"jsonrpc":"2.0","method":"secrets/';
export const SECRETS_RESPONSE_PREFIX = `{"jsonrpc":"2.0","id":"${SECRETS_ID_PREFIX}`;

/** Largest secret sealed: provider keys are under 1,000 characters (agent/setKey's bound). */
export const MAX_SECRET_CHARS = 16_384;

export const secretsMethods = {
  'secrets/status': {
    params: z.object({}).strict(),
    result: z.object({ available: z.boolean(), detail: z.string().nullable() }),
  },
  'secrets/seal': {
    params: z.object({ text: z.string().max(MAX_SECRET_CHARS) }).strict(),
    /** base64 of safeStorage's bytes. */
    result: z.object({ sealed: z.string() }),
  },
  'secrets/unseal': {
    params: z.object({ sealed: z.string().max(MAX_SECRET_CHARS * 4) }).strict(),
    result: z.object({ text: z.string(), reseal: z.boolean() }),
  },
} as const;

export type SecretsMethod = keyof typeof secretsMethods;
export type SecretsParams<M extends SecretsMethod> = z.infer<(typeof secretsMethods)[M]['params']>;
export type SecretsResult<M extends SecretsMethod> = z.infer<(typeof secretsMethods)[M]['result']>;

export const secretsRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.enum(['secrets/status', 'secrets/seal', 'secrets/unseal']),
  id: z.string().startsWith(SECRETS_ID_PREFIX).max(100),
  params: z.unknown(),
});

export const secretsResponseSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: z.string(), result: z.unknown() }),
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.string(),
    error: z.object({ code: z.number(), message: z.string() }),
  }),
]);

export function secretsRequestFrame(method: SecretsMethod, id: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, id, params });
}

export function secretsResultFrame(id: string, result: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result });
}

export function secretsErrorFrame(id: string, message: string): string {
  // -32000: the JSON-RPC range for implementation errors.
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message } });
}

export const isSecretsRequest = (text: string): boolean => text.startsWith(SECRETS_REQUEST_PREFIX);
export const isSecretsResponse = (text: string): boolean => text.startsWith(SECRETS_RESPONSE_PREFIX);
