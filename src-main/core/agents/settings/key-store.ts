import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../log';

const log = createLogger('agents');

export type KeyProvider = 'openai' | 'anthropic';

/** Environment variables the ecosystem already uses; a user with a key in their shell needs no setup. */
export const KEY_ENV: Record<KeyProvider, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

/** The plain key file of headless hosts (and of the desktop app when no keyring works). */
export const KEY_FILE = 'provider-keys.json';
/** Owner read/write only, like ~/.ssh keys. */
export const KEY_FILE_MODE = 0o600;

export interface ProviderKey {
  key: string;
  source: 'env' | 'stored';
}

/** Where keys given to `set` are kept: encrypted by the system keyring, or a 0600 file. */
export interface KeyStorage {
  kind: 'safe-storage' | 'file';
  /** Why the keyring is not used, when the desktop app fell back to the file; null otherwise. */
  detail: string | null;
}

export interface KeyStore {
  /** A stored key wins over the environment (the user set it on purpose); null when neither has one. */
  get(provider: KeyProvider): Promise<ProviderKey | null>;
  set(provider: KeyProvider, key: string | null): Promise<void>;
  /** Every key value known, so callers can scrub them from what they send elsewhere (command environments). */
  secrets(): Promise<string[]>;
  storage(): Promise<KeyStorage>;
}

export type StoredKeys = Partial<Record<KeyProvider, string>>;

/** Writes JSON readable by the owner only, atomically (a crash leaves the old file or the new one). */
export function writePrivateJson(file: string, value: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value), { mode: KEY_FILE_MODE });
  chmodSync(temp, KEY_FILE_MODE);
  renameSync(temp, file);
}

export function readJsonObject(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn(`Cannot read ${file}; the keys in it are ignored`, error);
    return {};
  }
}

export function storedKeysOf(value: Record<string, unknown>): StoredKeys {
  const keys: StoredKeys = {};
  for (const provider of Object.keys(KEY_ENV) as KeyProvider[]) {
    const key = value[provider];
    if (typeof key === 'string' && key !== '') keys[provider] = key;
  }
  return keys;
}

/** The key of `provider`: the stored one, else the environment's. */
export function pickKey(
  stored: StoredKeys,
  env: NodeJS.ProcessEnv,
  provider: KeyProvider,
): ProviderKey | null {
  const key = stored[provider];
  if (key) return { key, source: 'stored' };
  const fromEnv = env[KEY_ENV[provider]];
  return fromEnv ? { key: fromEnv, source: 'env' } : null;
}

export function allSecrets(stored: StoredKeys, env: NodeJS.ProcessEnv): string[] {
  return [stored.openai, stored.anthropic, env.OPENAI_API_KEY, env.ANTHROPIC_API_KEY].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

/**
 * Provider keys in a 0600 JSON file in the data folder, never the database: what headless hosts
 * (`skein serve`, `skein host` without the desktop app) use, and the desktop app's fallback.
 */
export function createFileKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  storage: KeyStorage = { kind: 'file', detail: null },
): KeyStore {
  const file = join(dataDir, KEY_FILE);
  const read = (): StoredKeys => storedKeysOf(readJsonObject(file));
  return {
    get: (provider) => Promise.resolve(pickKey(read(), env, provider)),
    set(provider, key) {
      const stored = read();
      if (key === null) delete stored[provider];
      else stored[provider] = key;
      writePrivateJson(file, stored);
      return Promise.resolve();
    },
    secrets: () => Promise.resolve(allSecrets(read(), env)),
    storage: () => Promise.resolve(storage),
  };
}
