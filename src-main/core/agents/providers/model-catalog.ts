import type { ProviderKind, TokenUsage } from '../../../../src-shared/contract';

/** US dollars per million tokens, from the providers' public price lists (2025). */
interface Price {
  input: number;
  cachedInput: number;
  output: number;
}

interface CatalogEntry {
  /** Matches the model id or a dated variant of it (`claude-sonnet-4-5-20250929`). */
  prefix: string;
  contextWindow: number;
  price: Price;
}

const CATALOG: readonly CatalogEntry[] = [
  { prefix: 'gpt-5-mini', contextWindow: 400_000, price: { input: 0.25, cachedInput: 0.025, output: 2 } },
  { prefix: 'gpt-5-nano', contextWindow: 400_000, price: { input: 0.05, cachedInput: 0.005, output: 0.4 } },
  { prefix: 'gpt-5', contextWindow: 400_000, price: { input: 1.25, cachedInput: 0.125, output: 10 } },
  { prefix: 'gpt-4.1-mini', contextWindow: 1_047_576, price: { input: 0.4, cachedInput: 0.1, output: 1.6 } },
  { prefix: 'gpt-4.1', contextWindow: 1_047_576, price: { input: 2, cachedInput: 0.5, output: 8 } },
  { prefix: 'gpt-4o-mini', contextWindow: 128_000, price: { input: 0.15, cachedInput: 0.075, output: 0.6 } },
  { prefix: 'gpt-4o', contextWindow: 128_000, price: { input: 2.5, cachedInput: 1.25, output: 10 } },
  { prefix: 'o4-mini', contextWindow: 200_000, price: { input: 1.1, cachedInput: 0.275, output: 4.4 } },
  { prefix: 'claude-opus-4', contextWindow: 200_000, price: { input: 15, cachedInput: 1.5, output: 75 } },
  { prefix: 'claude-sonnet-4', contextWindow: 200_000, price: { input: 3, cachedInput: 0.3, output: 15 } },
  { prefix: 'claude-haiku-4', contextWindow: 200_000, price: { input: 1, cachedInput: 0.1, output: 5 } },
  { prefix: 'claude-3-5-haiku', contextWindow: 200_000, price: { input: 0.8, cachedInput: 0.08, output: 4 } },
];

/** A cautious window for models we do not know (most current models hold at least this much). */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

export const DEFAULT_MODELS: Record<ProviderKind, string> = {
  openai: 'gpt-5',
  'openai-chat': 'gpt-4.1',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'llama3.1',
};

function entryFor(model: string): CatalogEntry | undefined {
  const id = model.toLowerCase().replace(/^.*\//, '');
  return CATALOG.find((entry) => id === entry.prefix || id.startsWith(`${entry.prefix}-`));
}

export function knownContextWindow(model: string): number | null {
  return entryFor(model)?.contextWindow ?? null;
}

/** The cost of some usage, or null for a model whose price we do not know (local models, new ones). */
export function costOf(provider: ProviderKind, model: string, usage: TokenUsage): number | null {
  if (provider === 'ollama') return 0;
  const price = entryFor(model)?.price;
  if (!price) return null;
  const uncached = Math.max(0, usage.inputTokens - usage.cachedTokens);
  const dollars =
    (uncached * price.input + usage.cachedTokens * price.cachedInput + usage.outputTokens * price.output) /
    1_000_000;
  return Math.round(dollars * 1e6) / 1e6;
}
