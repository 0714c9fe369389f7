import type { ModelInfo, ProviderKind } from '../../../../src-shared/contract';
import type { KeyStore } from '../settings/key-store';
import { ollamaUrl } from '../settings/resolve-settings';

/** A listing is a convenience: a provider that does not answer this fast is left out, not waited for. */
const LISTING_TIMEOUT_MS = 2_500;
const ANTHROPIC_VERSION = '2023-06-01';

export interface ModelListing {
  models: ModelInfo[];
  errors: { provider: ProviderKind; message: string }[];
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(LISTING_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json() as Promise<unknown>;
}

function idsOf(body: unknown, listKey: 'data' | 'models', idKey: 'id' | 'name'): string[] {
  const list = (body as Record<string, unknown> | null)?.[listKey];
  if (!Array.isArray(list)) return [];
  return list
    .map((entry: unknown) => (entry as Record<string, unknown> | null)?.[idKey])
    .filter((id): id is string => typeof id === 'string');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Models offered by each provider Skein can reach: OpenAI and Anthropic when a key is configured
 * (their `/v1/models`), and Ollama when it answers (its `/api/tags`). Failures are reported per
 * provider; they never fail the listing.
 */
export async function listModels(
  keys: KeyStore,
  env: NodeJS.ProcessEnv,
  urls: { openai: string | null; anthropic: string | null; ollama: string | null },
): Promise<ModelListing> {
  const listing: ModelListing = { models: [], errors: [] };
  const tasks: Promise<void>[] = [];
  const openaiKey = await keys.get('openai');
  if (openaiKey) {
    const base = (urls.openai ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    tasks.push(
      getJson(`${base}/models`, { authorization: `Bearer ${openaiKey.key}` }).then(
        (body) => {
          for (const id of idsOf(body, 'data', 'id'))
            listing.models.push({ id, provider: 'openai', label: id });
        },
        (error: unknown) => void listing.errors.push({ provider: 'openai', message: describe(error) }),
      ),
    );
  }
  const anthropicKey = await keys.get('anthropic');
  if (anthropicKey) {
    const base = (urls.anthropic ?? 'https://api.anthropic.com').replace(/\/+$/, '');
    tasks.push(
      getJson(`${base}/v1/models`, {
        'x-api-key': anthropicKey.key,
        'anthropic-version': ANTHROPIC_VERSION,
      }).then(
        (body) => {
          for (const id of idsOf(body, 'data', 'id'))
            listing.models.push({ id, provider: 'anthropic', label: id });
        },
        (error: unknown) => void listing.errors.push({ provider: 'anthropic', message: describe(error) }),
      ),
    );
  }
  tasks.push(
    getJson(`${ollamaUrl(env, urls.ollama)}/api/tags`, {}).then(
      (body) => {
        for (const id of idsOf(body, 'models', 'name')) {
          listing.models.push({ id, provider: 'ollama', label: `${id} (Ollama)` });
        }
      },
      // Ollama not running is the normal case, not an error worth showing.
      () => undefined,
    ),
  );
  await Promise.all(tasks);
  return listing;
}
