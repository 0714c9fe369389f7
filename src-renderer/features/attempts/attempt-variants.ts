import {
  providerKindSchema,
  type AttemptVariant,
  type ModelInfo,
  type ProviderKind,
  type ThreadBackend,
} from '../../../src-shared/contract';

/** The "Run N attempts" form's rows, before they become `attempt/start` variants. */

export const MIN_ATTEMPTS = 1;
/** The contract's limit: eight worktrees and agents at once is what a laptop handles. */
export const MAX_ATTEMPTS = 8;
export const DEFAULT_ATTEMPTS = 3;

export interface VariantDraft {
  backend: ThreadBackend;
  /**
   * Built-in agent: a model choice (`provider:id`, see modelChoiceValue) or '' for the thread's
   * default. Other agents: the model name as typed, '' for theirs.
   */
  model: string;
}

export function defaultDraft(backend: ThreadBackend): VariantDraft {
  return { backend, model: '' };
}

/** Grows (copying the last row, so "same agent N times" is one click) or shrinks the rows to `count`. */
export function resizeDrafts(
  drafts: readonly VariantDraft[],
  count: number,
  backend: ThreadBackend,
): VariantDraft[] {
  const wanted = Math.max(MIN_ATTEMPTS, Math.min(MAX_ATTEMPTS, Math.trunc(count) || MIN_ATTEMPTS));
  if (drafts.length >= wanted) return drafts.slice(0, wanted);
  const template = drafts[drafts.length - 1] ?? defaultDraft(backend);
  return [...drafts, ...Array.from({ length: wanted - drafts.length }, () => ({ ...template }))];
}

/** A select value naming a listed model; provider kinds hold no ':' so the first one splits it. */
export function modelChoiceValue(model: Pick<ModelInfo, 'provider' | 'id'>): string {
  return `${model.provider}:${model.id}`;
}

export function parseModelChoice(value: string): { provider: ProviderKind; model: string } | null {
  const at = value.indexOf(':');
  if (at <= 0) return null;
  const provider = providerKindSchema.safeParse(value.slice(0, at));
  const model = value.slice(at + 1).trim();
  return provider.success && model ? { provider: provider.data, model } : null;
}

export function draftToVariant(draft: VariantDraft): AttemptVariant {
  if (draft.backend === 'builtin') {
    const choice = parseModelChoice(draft.model);
    return choice
      ? { backend: 'builtin', provider: choice.provider, model: choice.model }
      : { backend: 'builtin' };
  }
  const model = draft.model.trim();
  return model ? { backend: draft.backend, model } : { backend: draft.backend };
}

/** A row switching agent drops a model that only meant something to the previous agent. */
export function withBackend(draft: VariantDraft, backend: ThreadBackend): VariantDraft {
  if (backend === draft.backend) return draft;
  return { backend, model: '' };
}
