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

const KEY_FILE = 'provider-keys.json';
/** Owner read/write only, like ~/.ssh keys. */
const KEY_FILE_MODE = 0o600;

export interface ProviderKey {
  key: string;
  source: 'env' | 'stored';
}

export interface KeyStore {
  /** A stored key wins over the environment (the user set it on purpose); null when neither has one. */
  get(provider: KeyProvider): ProviderKey | null;
  set(provider: KeyProvider, key: string | null): void;
  /** Every key value known, so callers can scrub them from what they send elsewhere (command environments). */
  secrets(): string[];
}

/**
 * Provider keys for headless hosts: a 0600 JSON file in the data folder, never the database. (The
 * desktop app can hand the host keys kept with Electron safeStorage through the same file.)
 */
export function createKeyStore(dataDir: string, env: NodeJS.ProcessEnv): KeyStore {
  const file = join(dataDir, KEY_FILE);

  const readStored = (): Partial<Record<KeyProvider, string>> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<KeyProvider, string>>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn(`Cannot read ${file}; stored keys are ignored`, error);
      return {};
    }
  };

  return {
    get(provider) {
      const stored = readStored()[provider];
      if (stored) return { key: stored, source: 'stored' };
      const fromEnv = env[KEY_ENV[provider]];
      return fromEnv ? { key: fromEnv, source: 'env' } : null;
    },
    set(provider, key) {
      const stored = readStored();
      if (key === null) delete stored[provider];
      else stored[provider] = key;
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(stored), { mode: KEY_FILE_MODE });
      chmodSync(temp, KEY_FILE_MODE);
      renameSync(temp, file);
    },
    secrets() {
      const stored = readStored();
      return [stored.openai, stored.anthropic, env.OPENAI_API_KEY, env.ANTHROPIC_API_KEY].filter(
        (value): value is string => typeof value === 'string' && value.length > 0,
      );
    },
  };
}
