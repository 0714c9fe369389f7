import type { AttemptVariant } from '../../../src-shared/contract';

/** Thread titles are at most this long (the contract's `title`). */
const THREAD_TITLE_MAX = 200;

const BACKEND_LABELS: Record<AttemptVariant['backend'], string> = {
  builtin: 'Built-in',
  codex: 'Codex',
  claude: 'Claude Code',
};

/** What an attempt runs on, in a few words: "Codex gpt-5", "Built-in anthropic claude-sonnet-4". */
export function variantLabel(variant: AttemptVariant): string {
  const parts = [BACKEND_LABELS[variant.backend]];
  if (variant.backend === 'builtin' && variant.provider) parts.push(variant.provider);
  if (variant.model) parts.push(variant.model);
  return parts.join(' ');
}

/**
 * An attempt's thread title, so the attempts read well side by side in the thread list:
 * "Fix login · 2/3 · Codex gpt-5". The task's title is shortened, never the distinguishing tail.
 */
export function attemptTitle(title: string, index: number, count: number, variant: AttemptVariant): string {
  const tail = ` · ${index}/${count} · ${variantLabel(variant)}`;
  const room = Math.max(1, THREAD_TITLE_MAX - tail.length);
  const head = title.trim();
  const shortened = head.length > room ? `${head.slice(0, room - 1).trimEnd()}…` : head;
  return `${shortened}${tail}`.slice(0, THREAD_TITLE_MAX);
}

/** The thread settings layer that makes a thread run the variant's model. */
export function variantSettings(variant: AttemptVariant): {
  provider?: AttemptVariant['provider'];
  model?: string;
  codexModel?: string;
  claudeModel?: string;
} {
  switch (variant.backend) {
    case 'builtin':
      return {
        ...(variant.provider ? { provider: variant.provider } : {}),
        ...(variant.model ? { model: variant.model } : {}),
      };
    case 'codex':
      return variant.model ? { codexModel: variant.model } : {};
    case 'claude':
      return variant.model ? { claudeModel: variant.model } : {};
  }
}
