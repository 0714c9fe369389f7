import { createLogger } from '../../log';
import { KEY_ENV, type KeyProvider, type KeyStore } from '../settings/key-store';
import {
  compileSecrets,
  NO_SECRETS,
  scrubSecrets,
  SecretStream,
  type CutEnds,
  type NamedSecret,
  type SecretSet,
} from './secret-matcher';

const log = createLogger('agents');

/** The name a value found in the store but under no known name is shown with. */
const UNNAMED = 'stored secret';

/**
 * The host's one scrubber of what agents' tools print: it knows every secret value the host holds
 * (provider keys, from the store or the environment; MCP servers' env and header values; OTLP
 * headers) and replaces them in tool output before the output reaches the model, the transcript,
 * the clients or a trace.
 */
export interface OutputScrubber {
  /**
   * `text` with every known value replaced by `[secret: <name>]`; with `ends`, also the pieces of a
   * value that a cut at those ends left (a capped output's dropped middle).
   */
  text(text: string, ends?: CutEnds): string;
  /** A scrubber for text arriving in chunks (a value split across chunks is still found). */
  stream(): SecretStream;
  /** Reads the values again (after a key or a setting changed). Never rejects. */
  refresh(): Promise<void>;
  /** The key store whose writes refresh this scrubber: what the rest of the host uses. */
  readonly keys: KeyStore;
}

/** Every secret of the store with the name its marker shows; env keys under their variable's name. */
export async function namedSecretsOf(keys: KeyStore, env: NodeJS.ProcessEnv): Promise<NamedSecret[]> {
  const named: NamedSecret[] = [];
  for (const provider of Object.keys(KEY_ENV) as KeyProvider[]) {
    const key = await keys.get(provider);
    if (key?.source === 'stored') named.push({ name: `${provider} key`, value: key.key });
    const fromEnv = env[KEY_ENV[provider]];
    if (fromEnv) named.push({ name: KEY_ENV[provider], value: fromEnv });
  }
  // Provider keys share the vault under bare names; named secrets' names all hold a `/`.
  for (const name of (await keys.named.names('')).filter((name) => name.includes('/'))) {
    const value = await keys.named.get(name);
    if (value) named.push({ name, value });
  }
  // Whatever else the store counts as a secret, so a kind added later is scrubbed before it is named.
  for (const value of await keys.secrets()) named.push({ name: UNNAMED, value });
  return named;
}

/** A key store whose every write is followed by `changed` (the scrubber learns the new values). */
function notifyingKeyStore(keys: KeyStore, changed: () => Promise<void>): KeyStore {
  const after =
    <A extends unknown[]>(write: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await write(...args);
      } finally {
        await changed();
      }
    };
  return {
    get: (provider) => keys.get(provider),
    set: after((provider: KeyProvider, key: string | null) => keys.set(provider, key)),
    secrets: () => keys.secrets(),
    storage: () => keys.storage(),
    named: {
      get: (name) => keys.named.get(name),
      set: after((name: string, value: string) => keys.named.set(name, value)),
      delete: after((names: readonly string[]) => keys.named.delete(names)),
      names: (prefix) => keys.named.names(prefix),
    },
  };
}

/**
 * The scrubber over `keys`. It reads the values now (in the background: a sealed store may wait
 * for the desktop app) and again after every write through `scrubber.keys`; callers refresh it at
 * each turn's start too, so a hand edit of the key file is seen by the next turn.
 */
export function createOutputScrubber(keys: KeyStore, env: NodeJS.ProcessEnv): OutputScrubber {
  let set: SecretSet = NO_SECRETS;
  // Refreshes run one after another, so an older read can never replace a newer one.
  let latest: Promise<void> = Promise.resolve();
  // A read queued and not started yet serves every caller until it starts (it reads after all of
  // them), so 32 turns starting at once cost one read of the store, not 32.
  let queued: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    if (queued) return queued;
    const read = latest.then(async () => {
      queued = null;
      try {
        set = compileSecrets(await namedSecretsOf(keys, env));
      } catch (error) {
        // The previous values stay in force: scrubbing less than before would be the worse failure.
        log.warn(
          'Could not read the stored secrets to scrub command output; the previous ones are used',
          error,
        );
      }
    });
    queued = read;
    latest = read;
    return read;
  };
  void refresh();
  return {
    text: (text, ends) => scrubSecrets(set, text, ends),
    stream: () => new SecretStream(() => set),
    refresh,
    keys: notifyingKeyStore(keys, refresh),
  };
}
