import type { BackendEvent, BackendItem, DeltaStream, TurnOutcome } from '../types';
import { mapPlanUpdate, mapThreadItem, mapTurnOutcome, mapUsage } from './codex-items';
import type { CodexNotifications, CodexTurn } from './codex-protocol';

type Params<M extends keyof CodexNotifications> = CodexNotifications[M];

const DELTA_STREAMS: Partial<Record<keyof CodexNotifications, DeltaStream>> = {
  'item/agentMessage/delta': 'text',
  'item/reasoning/summaryTextDelta': 'reasoning',
  'item/reasoning/textDelta': 'reasoning',
  'item/commandExecution/outputDelta': 'output',
};

/**
 * Codex's item notifications as our backend events, for one thread. Remembers the items still
 * open (a file-change approval needs its item's patch; deltas of kinds we do not show are dropped)
 * and numbers plan updates, which Codex does not send as items.
 */
export class CodexEventMapper {
  private readonly open = new Map<string, BackendItem>();
  private plans = 0;

  constructor(
    readonly worktree: string,
    private readonly emit: (event: BackendEvent) => void,
  ) {}

  openItem(backendItemId: string): BackendItem | undefined {
    return this.open.get(backendItemId);
  }

  outcome(turn: CodexTurn): { outcome: TurnOutcome; error: string | null } {
    return mapTurnOutcome(turn);
  }

  /** Forgets a finished turn's open items; the recorder closes their rows when the turn ends. */
  endTurn(_turnId: string): void {
    this.open.clear();
  }

  /** Handles one notification; methods it does not know are ignored. */
  notification(method: string, params: unknown): void {
    const stream = DELTA_STREAMS[method as keyof CodexNotifications];
    if (stream) {
      const delta = params as Params<'item/agentMessage/delta'>;
      if (!this.open.has(delta.itemId)) return;
      this.emit({
        type: 'item/delta',
        backendTurnId: delta.turnId,
        backendItemId: delta.itemId,
        stream,
        delta: delta.delta,
      });
      return;
    }
    switch (method) {
      case 'item/started': {
        const { item, turnId } = params as Params<'item/started'>;
        const mapped = mapThreadItem(item, this.worktree, true);
        if (!mapped) return;
        this.open.set(mapped.backendItemId, mapped);
        this.emit({ type: 'item/started', backendTurnId: turnId, item: mapped });
        return;
      }
      case 'item/completed': {
        const { item, turnId } = params as Params<'item/completed'>;
        const mapped = mapThreadItem(item, this.worktree, false);
        if (!mapped) return;
        this.open.delete(mapped.backendItemId);
        this.emit({ type: 'item/completed', backendTurnId: turnId, item: mapped });
        return;
      }
      case 'turn/plan/updated': {
        const update = params as Params<'turn/plan/updated'>;
        this.plans += 1;
        this.emit({
          type: 'item/completed',
          backendTurnId: update.turnId,
          item: {
            backendItemId: `plan-${update.turnId}-${this.plans}`,
            status: 'completed',
            fields: mapPlanUpdate(update),
          },
        });
        return;
      }
      case 'thread/tokenUsage/updated': {
        const { turnId, tokenUsage } = params as Params<'thread/tokenUsage/updated'>;
        this.emit({ type: 'usage', backendTurnId: turnId, usage: mapUsage(tokenUsage.last) });
        return;
      }
      default:
        return;
    }
  }
}
