import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../log';
import {
  allSecrets,
  createFileKeyStore,
  KEY_FILE,
  pickKey,
  readJsonObject,
  storedKeysOf,
  writePrivateJson,
  type KeyProvider,
  type KeyStorage,
  type KeyStore,
  type StoredKeys,
} from './key-store';

const log = createLogger('agents');

/** Keys encrypted by the system keyring (base64 of safeStorage's bytes), still 0600 on top. */
export const SEALED_KEY_FILE = 'provider-keys.sealed.json';

/**
 * Encryption with a key the host never holds: Electron's safeStorage (the OS keychain, DPAPI or
 * libsecret), reached through the desktop app. The host is a plain Node process and cannot call it.
 */
export interface SecretSealer {
  /** Whether sealing protects anything here; `detail` says why not (no keyring on this Linux desktop). */
  status(): Promise<{ available: boolean; detail: string | null }>;
  seal(text: string): Promise<string>;
  /** `reseal`: the keyring rotated its key; sealing the text again keeps it readable later. */
  unseal(sealed: string): Promise<{ text: string; reseal: boolean }>;
}

interface Loaded {
  kind: KeyStorage['kind'];
  /** Why the keyring is not used (fallback mode). */
  detail: string | null;
  /** Stored keys the keyring could not decrypt; the user must enter them again. */
  failed: KeyProvider[];
  /** Decrypted keys, held in memory only (sealed mode). */
  keys: StoredKeys;
  /** The file store, when the keyring cannot be used. */
  fallback: KeyStore | null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The desktop app's key store: keys are sealed with the system keyring before they touch the disk
 * and unsealed into memory on first use. When the keyring is unavailable it falls back to the 0600
 * file and says why, so the settings can tell the user. Plain keys found in the 0600 file (stored
 * by an older Skein or a headless host) are sealed and the plain file removed.
 */
export function createSealedKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  sealer: SecretSealer,
): KeyStore {
  const sealedFile = join(dataDir, SEALED_KEY_FILE);
  const plainFile = join(dataDir, KEY_FILE);
  let loading: Promise<Loaded> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const writeSealed = async (keys: StoredKeys): Promise<void> => {
    const sealed: StoredKeys = {};
    for (const [provider, key] of Object.entries(keys) as [KeyProvider, string][]) {
      sealed[provider] = await sealer.seal(key);
    }
    writePrivateJson(sealedFile, sealed);
  };

  const unsealAll = async (): Promise<{ keys: StoredKeys; reseal: boolean; failed: KeyProvider[] }> => {
    const keys: StoredKeys = {};
    const failed: KeyProvider[] = [];
    let reseal = false;
    const sealed = storedKeysOf(readJsonObject(sealedFile));
    for (const [provider, value] of Object.entries(sealed) as [KeyProvider, string][]) {
      try {
        const opened = await sealer.unseal(value);
        keys[provider] = opened.text;
        reseal ||= opened.reseal;
      } catch (error) {
        failed.push(provider);
        log.warn(`The stored ${provider} key could not be decrypted; it must be entered again`, error);
      }
    }
    return { keys, reseal, failed };
  };

  const load = async (): Promise<Loaded> => {
    let status: { available: boolean; detail: string | null };
    try {
      status = await sealer.status();
    } catch (error) {
      status = { available: false, detail: `The desktop app did not answer (${describeError(error)}).` };
    }
    if (!status.available) {
      log.warn(
        `Keys are kept in the 0600 key file, not the system keyring: ${status.detail ?? 'unavailable'}`,
      );
      const storage: KeyStorage = { kind: 'file', detail: status.detail };
      return { ...storage, failed: [], keys: {}, fallback: createFileKeyStore(dataDir, env, storage) };
    }
    const { keys, reseal, failed } = await unsealAll();
    const plain = storedKeysOf(readJsonObject(plainFile));
    const adopted = (Object.keys(plain) as KeyProvider[]).filter((provider) => !keys[provider]);
    for (const provider of adopted) keys[provider] = plain[provider];
    if (reseal || adopted.length > 0) await writeSealed(keys);
    if (existsSync(plainFile)) {
      rmSync(plainFile, { force: true });
      log.info(
        `Moved the plain key file's keys into the system keyring (${adopted.join(', ') || 'none new'})`,
      );
    }
    return { kind: 'safe-storage', detail: null, failed, keys, fallback: null };
  };

  /** Loaded once; a load that failed outright is tried again on the next call. */
  const loaded = (): Promise<Loaded> => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };

  return {
    async get(provider) {
      const state = await loaded();
      return state.fallback ? state.fallback.get(provider) : pickKey(state.keys, env, provider);
    },
    async set(provider, key) {
      const state = await loaded();
      if (state.fallback) return state.fallback.set(provider, key);
      // One write at a time: two sets racing must not each write a file missing the other's key.
      const write = writing.then(async () => {
        const next = { ...state.keys };
        if (key === null) delete next[provider];
        else next[provider] = key;
        await writeSealed(next);
        state.keys = next;
        state.failed = state.failed.filter((entry) => entry !== provider);
      });
      writing = write.catch(() => undefined);
      await write;
    },
    async secrets() {
      const state = await loaded();
      return state.fallback ? state.fallback.secrets() : allSecrets(state.keys, env);
    },
    async storage() {
      const state = await loaded();
      if (state.kind === 'file' || state.failed.length === 0)
        return { kind: state.kind, detail: state.detail };
      const names = state.failed.join(' and ');
      return {
        kind: state.kind,
        detail: `The stored ${names} key could not be decrypted (the system keyring changed); enter it again.`,
      };
    },
  };
}
