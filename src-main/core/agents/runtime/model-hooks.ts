import type { ProviderKind, TokenUsage } from '../../../../src-shared/contract';

/** Which model call of which turn a hook hears about. */
export interface ModelCallContext {
  threadId: string;
  turnId: string;
  provider: ProviderKind;
  model: string;
}

/** How one model call went, measured at the model boundary. */
export interface ModelCallOutcome {
  startedAt: number;
  /** When the first streamed event with content arrived; null for a call that streamed nothing. */
  firstTokenAt: number | null;
  endedAt: number;
  usage: TokenUsage;
  /** US dollars when the model's price is known. */
  costUsd: number | null;
  /** The error's message when the call failed (aborts included). */
  error: string | null;
}

/**
 * Observers of the built-in agent's model calls (traces record them; budgets stop a turn before a
 * call that would go over). Set on AgentServiceDeps.modelHooks; every hook hears every call.
 */
export interface ModelCallHooks {
  /** Before each call. Throwing stops the call: the error ends the model step as the runtime decides. */
  before?(context: ModelCallContext): void;
  after?(context: ModelCallContext, outcome: ModelCallOutcome): void;
}
