import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../log';
import {
  createFileKeyStore,
  createFileVault,
  KEY_ENV,
  KEY_FILE,
  keyStoreOver,
  readJsonObject,
  secretsOf,
  writePrivateJson,
  type KeyStorage,
  type KeyStore,
  type SecretVault,
} from './key-store';

const log = createLogger('agents');

/** Secrets encrypted by the system keyring (base64 of safeStorage's bytes), still 0600 on top. */
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
  /** Stored secrets the keyring could not decrypt; the user must enter them again. */
  failed: string[];
  /** Decrypted secrets, held in memory only (sealed mode). */
  secrets: Record<string, string>;
  /** Their ciphertexts as on disk: an unchanged secret is not sealed again on every write. */
  sealed: Record<string, string>;
  /** The file vault, when the keyring cannot be used. */
  fallback: SecretVault | null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const isProvider = (name: string): boolean => Object.hasOwn(KEY_ENV, name);

/** What the settings say about secrets that could not be decrypted. */
function failureDetail(failed: readonly string[]): string | null {
  const providers = failed.filter(isProvider);
  const others = failed.length - providers.length;
  const parts: string[] = [];
  if (providers.length > 0)
    parts.push(
      `The stored ${providers.join(' and ')} key could not be decrypted (the system keyring changed); enter it again.`,
    );
  if (others > 0)
    parts.push(
      `${others} stored MCP or trace secret(s) could not be decrypted (the system keyring changed); enter them again.`,
    );
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * The desktop app's vault: secrets are sealed with the system keyring before they touch the disk
 * and unsealed into memory on first use. When the keyring is unavailable it falls back to the 0600
 * file and says why, so the settings can tell the user. Plain secrets found in the 0600 file (stored
 * by an older Skein or a headless host) are sealed and the plain file removed.
 */
export function createSealedVault(dataDir: string, sealer: SecretSealer): SecretVault {
  const sealedFile = join(dataDir, SEALED_KEY_FILE);
  const plainFile = join(dataDir, KEY_FILE);
  let loading: Promise<Loaded> | null = null;
  let writing: Promise<void> = Promise.resolve();

  /** Seals what changed (everything after a key rotation) and writes the file; returns the ciphertexts. */
  const writeSealed = async (
    secrets: Record<string, string>,
    previous: { secrets: Record<string, string>; sealed: Record<string, string> } | null,
  ): Promise<Record<string, string>> => {
    const sealed: Record<string, string> = {};
    for (const [name, secret] of Object.entries(secrets)) {
      const kept = previous && previous.secrets[name] === secret ? previous.sealed[name] : undefined;
      sealed[name] = kept ?? (await sealer.seal(secret));
    }
    writePrivateJson(sealedFile, sealed);
    return sealed;
  };

  const unsealAll = async () => {
    const secrets: Record<string, string> = {};
    const sealed = secretsOf(readJsonObject(sealedFile));
    const failed: string[] = [];
    let reseal = false;
    for (const [name, value] of Object.entries(sealed)) {
      try {
        const opened = await sealer.unseal(value);
        secrets[name] = opened.text;
        reseal ||= opened.reseal;
      } catch (error) {
        failed.push(name);
        delete sealed[name];
        log.warn(`The stored secret ${name} could not be decrypted; it must be entered again`, error);
      }
    }
    return { secrets, sealed, reseal, failed };
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
      return { ...storage, failed: [], secrets: {}, sealed: {}, fallback: createFileVault(dataDir, storage) };
    }
    const opened = await unsealAll();
    const { secrets, failed } = opened;
    let sealed = opened.sealed;
    const plain = secretsOf(readJsonObject(plainFile));
    const adopted = Object.keys(plain).filter((name) => !secrets[name]);
    for (const name of adopted) secrets[name] = plain[name] ?? '';
    if (opened.reseal) sealed = await writeSealed(secrets, null);
    else if (adopted.length > 0) sealed = await writeSealed(secrets, { secrets: opened.secrets, sealed });
    if (existsSync(plainFile)) {
      rmSync(plainFile, { force: true });
      log.info(
        `Moved the plain key file's secrets into the system keyring (${adopted.filter(isProvider).join(', ') || 'no new key'}; ${adopted.filter((name) => !isProvider(name)).length} other secret(s))`,
      );
    }
    return { kind: 'safe-storage', detail: null, failed, secrets, sealed, fallback: null };
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
    async read() {
      const state = await loaded();
      return state.fallback ? state.fallback.read() : { ...state.secrets };
    },
    async update(change) {
      const state = await loaded();
      if (state.fallback) return state.fallback.update(change);
      // One write at a time: two updates racing must not each write a file missing the other's secret.
      const write = writing.then(async () => {
        const next = { ...state.secrets };
        change(next);
        state.sealed = await writeSealed(next, state);
        state.secrets = next;
        state.failed = state.failed.filter((name) => next[name] === undefined);
      });
      writing = write.catch(() => undefined);
      await write;
    },
    async storage() {
      const state = await loaded();
      if (state.kind === 'file') return { kind: state.kind, detail: state.detail };
      return { kind: state.kind, detail: failureDetail(state.failed) };
    },
  };
}

/** The desktop app's key store: provider keys and named secrets sealed by the system keyring. */
export function createSealedKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  sealer: SecretSealer,
): KeyStore {
  return keyStoreOver(createSealedVault(dataDir, sealer), env);
}

/** The host's one key store: sealed through the desktop app when it has a sealer, else the 0600 file. */
export function createKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  sealer: SecretSealer | undefined,
): KeyStore {
  return sealer ? createSealedKeyStore(dataDir, env, sealer) : createFileKeyStore(dataDir, env);
}
