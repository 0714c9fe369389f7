import type { Item, NotificationParams } from '../../../src-shared/contract';
import { execItem, type ExecEvent } from './exec-events';

/**
 * The shortest gap between two `item.updated` lines of one item. The host sends streamed text every
 * 16 ms frame, far more lines than a CI log or a script wants; four a second still shows a long
 * command's output or a long answer growing. The first change goes out at once.
 */
export const ITEM_UPDATE_INTERVAL_MS = 250;

interface Tracked {
  item: Item;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

type Delta = NotificationParams<'item/delta'>;

/** The item with a streamed piece appended; unchanged when the stream does not belong to its kind. */
export function applyDelta(item: Item, delta: Delta): Item {
  if (delta.stream === 'text' && item.kind === 'agent_message')
    return { ...item, text: item.text + delta.delta };
  if (delta.stream === 'reasoning' && item.kind === 'reasoning')
    return { ...item, text: item.text + delta.delta };
  if (delta.stream === 'output' && item.kind === 'command')
    return { ...item, output: item.output + delta.delta };
  return item;
}

/**
 * Turns the item notifications of one turn into `item.*` events: started and completed one for one,
 * streamed deltas into throttled `item.updated` events carrying the whole item so far. A pending update
 * is dropped when the item completes first (the completed event carries everything).
 */
export class ExecItemEvents {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly emit: (event: ExecEvent) => void,
    private readonly intervalMs = ITEM_UPDATE_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  started(item: Item): void {
    const shaped = execItem(item);
    if (!shaped) return;
    this.tracked.set(item.id, { item, lastSentAt: Number.NEGATIVE_INFINITY, timer: null });
    this.emit({ type: 'item.started', item: shaped });
  }

  delta(delta: Delta): void {
    const entry = this.tracked.get(delta.itemId);
    if (!entry || delta.delta === '') return;
    entry.item = applyDelta(entry.item, delta);
    if (entry.timer) return;
    const wait = entry.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.sendUpdate(entry);
    else entry.timer = setTimeout(() => this.sendUpdate(entry), wait);
  }

  completed(item: Item): void {
    const entry = this.tracked.get(item.id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.tracked.delete(item.id);
    const shaped = execItem(item);
    if (shaped) this.emit({ type: 'item.completed', item: shaped });
  }

  /** Drops pending updates (the turn ended or the run stops). */
  dispose(): void {
    for (const entry of this.tracked.values()) if (entry.timer) clearTimeout(entry.timer);
    this.tracked.clear();
  }

  private sendUpdate(entry: Tracked): void {
    entry.timer = null;
    if (this.tracked.get(entry.item.id) !== entry) return;
    entry.lastSentAt = this.now();
    const shaped = execItem(entry.item);
    if (shaped) this.emit({ type: 'item.updated', item: shaped });
  }
}
