import { randomUUID } from 'node:crypto';
import type { MessageChannel } from '../../../src-shared/contract';
import type { SecretSealer } from '../../core/agents';
import {
  isSecretsResponse,
  secretsMethods,
  secretsRequestFrame,
  secretsResponseSchema,
  SECRETS_ID_PREFIX,
  type SecretsMethod,
  type SecretsParams,
  type SecretsResult,
} from './secrets-frames';

/**
 * How long a seal or unseal may take. On macOS the first use asks the user to allow keychain
 * access in a system dialog; a person needs time for that, but an app that never answers must not
 * hang the key store forever.
 */
export const SECRETS_TIMEOUT_MS = 120_000;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface ParentSecrets {
  readonly sealer: SecretSealer;
  /**
   * Starts using `channel` for secrets and returns the channel the host's router should see: the
   * same, minus the secrets answers. Requests made before this wait for it.
   */
  attach(channel: MessageChannel): MessageChannel;
}

/** The host's side of the secrets channel: its parent (Electron main) seals keys with safeStorage. */
export function createParentSecrets(timeoutMs = SECRETS_TIMEOUT_MS): ParentSecrets {
  const pending = new Map<string, Pending>();
  let channel: MessageChannel | null = null;
  let closed: string | null = null;
  const waiting: (() => void)[] = [];

  const settle = (text: string): void => {
    let frame;
    try {
      frame = secretsResponseSchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    const entry = pending.get(frame.id);
    if (!entry) return;
    pending.delete(frame.id);
    clearTimeout(entry.timer);
    if ('error' in frame) entry.reject(new Error(frame.error.message));
    else entry.resolve(frame.result);
  };

  const failAll = (reason: string): void => {
    closed = reason;
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new Error(`The desktop app's secrets channel closed (${reason}).`));
    }
  };

  const call = <M extends SecretsMethod>(method: M, params: SecretsParams<M>): Promise<SecretsResult<M>> => {
    if (closed) return Promise.reject(new Error(`The desktop app's secrets channel closed (${closed}).`));
    const id = `${SECRETS_ID_PREFIX}${randomUUID()}`;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The desktop app did not answer ${method} within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      const send = () => channel?.send(secretsRequestFrame(method, id, params));
      if (channel) send();
      else waiting.push(send);
    }).then((result) => secretsMethods[method].result.parse(result) as SecretsResult<M>);
  };

  return {
    sealer: {
      status: () => call('secrets/status', {}),
      seal: async (text) => (await call('secrets/seal', { text })).sealed,
      unseal: (sealed) => call('secrets/unseal', { sealed }),
    },
    attach(raw) {
      channel = raw;
      raw.onClose((reason) => failAll(reason ?? 'closed'));
      raw.onMessage((text) => {
        if (isSecretsResponse(text)) settle(text);
      });
      for (const send of waiting.splice(0)) send();
      return {
        send: (text) => raw.send(text),
        onMessage(listener) {
          return raw.onMessage((text) => {
            if (!isSecretsResponse(text)) listener(text);
          });
        },
        onClose: (listener) => raw.onClose(listener),
        close: () => raw.close(),
      };
    },
  };
}
