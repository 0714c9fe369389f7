import {
  secretsErrorFrame,
  secretsMethods,
  secretsRequestSchema,
  secretsResultFrame,
  type SecretsMethod,
  type SecretsResult,
} from '../host/secrets/secrets-frames';
import { createMainLogger } from './main-log';

const log = createMainLogger('secrets');

/**
 * The part of Electron's `safeStorage` the host's keys need. The async API: the sync one is
 * deprecated in Electron 45 (removed in 46) and can block main while the OS asks the user to allow
 * keychain access. Injected, so this file runs under plain Node in tests.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: `basic_text` means no keyring, and "encryption" with a password compiled into Chromium. */
  getSelectedStorageBackend?(): string;
}

export const NO_KEYRING_DETAIL =
  'This system has no keyring Skein can use (on Linux, GNOME Keyring or KWallet must be installed and unlocked).';
export const PLAIN_TEXT_KEYRING_DETAIL =
  'No system keyring was found (on Linux, install and unlock GNOME Keyring or KWallet); Electron would only obscure keys with a built-in password.';

/** Answers one `secrets/*` request frame from the host; resolves with the response frame, or null to drop it. */
export type SecretsHandler = (frame: string) => Promise<string | null>;

export function createSecretsHandler(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretsHandler {
  const status = async (): Promise<SecretsResult<'secrets/status'>> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable()))
      return { available: false, detail: NO_KEYRING_DETAIL };
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
      return { available: false, detail: PLAIN_TEXT_KEYRING_DETAIL };
    return { available: true, detail: null };
  };

  const answer = async (method: SecretsMethod, params: unknown): Promise<unknown> => {
    switch (method) {
      case 'secrets/status':
        secretsMethods[method].params.parse(params);
        return status();
      case 'secrets/seal': {
        const { text } = secretsMethods[method].params.parse(params);
        if (!(await status()).available) throw new Error('The system keyring is not available.');
        return { sealed: (await safeStorage.encryptStringAsync(text)).toString('base64') };
      }
      case 'secrets/unseal': {
        const { sealed } = secretsMethods[method].params.parse(params);
        const opened = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        return { text: opened.result, reseal: opened.shouldReEncrypt };
      }
    }
  };

  return async (frame) => {
    let request;
    try {
      request = secretsRequestSchema.parse(JSON.parse(frame));
    } catch {
      log.warn('Dropped a malformed secrets request from the host');
      return null;
    }
    try {
      return secretsResultFrame(request.id, await answer(request.method, request.params));
    } catch (error) {
      // The message names what failed, never the secret.
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`${request.method} failed: ${message}`);
      return secretsErrorFrame(request.id, `${request.method} failed: ${message}`);
    }
  };
}
