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

/**
 * The plain secret file of headless hosts (and of the desktop app when no keyring works). It kept
 * only provider keys before named secrets joined them; the name stays so older files are still read.
 */
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

/**
 * Secrets other than provider keys (an MCP server's env values and headers, the OTLP collector's
 * headers), kept by the same store and sealed the same way. Names are paths with at least one `/`
 * (`mcp/user/github/env/TOKEN`, `otlp/header/authorization`), so they never meet a provider's name.
 */
export interface NamedSecrets {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(names: readonly string[]): Promise<void>;
  /** The stored names that start with `prefix`. */
  names(prefix: string): Promise<string[]>;
}

export interface KeyStore {
  /** A stored key wins over the environment (the user set it on purpose); null when neither has one. */
  get(provider: KeyProvider): Promise<ProviderKey | null>;
  set(provider: KeyProvider, key: string | null): Promise<void>;
  /**
   * Every secret value known (provider keys and named secrets), so callers can scrub them from what
   * they send elsewhere (command environments).
   */
  secrets(): Promise<string[]>;
  storage(): Promise<KeyStorage>;
  readonly named: NamedSecrets;
}

/** Where the store's values live: the 0600 file, or the keyring-sealed file (sealed-key-store.ts). */
export interface SecretVault {
  /** Every stored secret by name; provider keys under their provider's name. */
  read(): Promise<Record<string, string>>;
  /** Applies `change` to the stored secrets and writes them; one change at a time. */
  update(change: (secrets: Record<string, string>) => void): Promise<void>;
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

/** The file's non-empty string entries: provider keys and named secrets alike. */
export function secretsOf(value: Record<string, unknown>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const [name, secret] of Object.entries(value)) {
    if (typeof secret === 'string' && secret !== '') secrets[name] = secret;
  }
  return secrets;
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

export function allSecrets(stored: Record<string, string>, env: NodeJS.ProcessEnv): string[] {
  return [...Object.values(stored), env.OPENAI_API_KEY, env.ANTHROPIC_API_KEY].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

function checkName(name: string): void {
  if (!name.includes('/')) throw new Error(`"${name}" is not a named secret's name (it needs a "/").`);
}

/** The key store's face over a vault: provider keys (with the environment's) and the named secrets. */
export function keyStoreOver(vault: SecretVault, env: NodeJS.ProcessEnv): KeyStore {
  return {
    get: async (provider) => pickKey(storedKeysOf(await vault.read()), env, provider),
    set: (provider, key) =>
      vault.update((stored) => {
        if (key === null) delete stored[provider];
        else stored[provider] = key;
      }),
    secrets: async () => allSecrets(await vault.read(), env),
    storage: () => vault.storage(),
    named: {
      async get(name) {
        checkName(name);
        return (await vault.read())[name] ?? null;
      },
      set(name, value) {
        checkName(name);
        return vault.update((stored) => {
          stored[name] = value;
        });
      },
      async delete(names) {
        if (names.length === 0) return;
        names.forEach(checkName);
        await vault.update((stored) => {
          for (const name of names) delete stored[name];
        });
      },
      names: async (prefix) => Object.keys(await vault.read()).filter((name) => name.startsWith(prefix)),
    },
  };
}

/** The 0600 file as a vault: read on every use, so a hand edit is seen at once. */
export function createFileVault(
  dataDir: string,
  storage: KeyStorage = { kind: 'file', detail: null },
): SecretVault {
  const file = join(dataDir, KEY_FILE);
  const read = () => secretsOf(readJsonObject(file));
  return {
    read: () => Promise.resolve(read()),
    update(change) {
      const stored = read();
      change(stored);
      writePrivateJson(file, stored);
      return Promise.resolve();
    },
    storage: () => Promise.resolve(storage),
  };
}

/**
 * Provider keys and named secrets in a 0600 JSON file in the data folder, never the database: what
 * headless hosts (`skein serve`, `skein host` without the desktop app) use, and the desktop app's fallback.
 */
export function createFileKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  storage: KeyStorage = { kind: 'file', detail: null },
): KeyStore {
  return keyStoreOver(createFileVault(dataDir, storage), env);
}
