import type { Item, NotificationParams, Turn } from '../../../src-shared/contract';

/**
 * One thread's transcript as the renderer holds it. Items are kept by id with a separate seq-ordered
 * id list, so a streamed delta replaces one item object and leaves the list (and every other item)
 * untouched: components that select by id re-render only for their own item.
 */
export interface ThreadTranscript {
  turns: Record<string, Turn>;
  /** Turn ids, oldest first. */
  turnOrder: string[];
  items: Record<string, Item>;
  /** Item ids in `seq` order. */
  order: string[];
  /** Each item's turn; like `order` it changes only when an item is added. */
  itemTurn: Record<string, string>;
}

export type Delta = NotificationParams<'item/delta'>;

export type TranscriptEvent =
  | { type: 'turn'; turn: Turn }
  | { type: 'item-started'; item: Item }
  | { type: 'item-completed'; item: Item }
  | { type: 'delta'; delta: Delta };

export function emptyTranscript(): ThreadTranscript {
  return { turns: {}, turnOrder: [], items: {}, order: [], itemTurn: {} };
}

export function transcriptFromSnapshot(turns: Turn[], items: Item[]): ThreadTranscript {
  const sortedTurns = [...turns].sort((a, b) => a.seq - b.seq);
  const sortedItems = [...items].sort((a, b) => a.seq - b.seq);
  return {
    turns: Object.fromEntries(sortedTurns.map((t) => [t.id, t])),
    turnOrder: sortedTurns.map((t) => t.id),
    items: Object.fromEntries(sortedItems.map((i) => [i.id, i])),
    order: sortedItems.map((i) => i.id),
    itemTurn: Object.fromEntries(sortedItems.map((i) => [i.id, i.turnId])),
  };
}

/** Inserts `id` keeping the list sorted by `seqOf`; new entries almost always go last, so look from the end. */
function insertOrdered(order: string[], id: string, seq: number, seqOf: (id: string) => number): string[] {
  let at = order.length;
  while (at > 0 && seqOf(order[at - 1] as string) > seq) at -= 1;
  return [...order.slice(0, at), id, ...order.slice(at)];
}

function putTurn(state: ThreadTranscript, turn: Turn): ThreadTranscript {
  const turns = { ...state.turns, [turn.id]: turn };
  if (state.turns[turn.id]) return { ...state, turns };
  const turnOrder = insertOrdered(state.turnOrder, turn.id, turn.seq, (id) => turns[id]?.seq ?? 0);
  return { ...state, turns, turnOrder };
}

function putItem(state: ThreadTranscript, item: Item): ThreadTranscript {
  const items = { ...state.items, [item.id]: item };
  if (state.items[item.id]) return { ...state, items };
  const order = insertOrdered(state.order, item.id, item.seq, (id) => items[id]?.seq ?? 0);
  return { ...state, items, order, itemTurn: { ...state.itemTurn, [item.id]: item.turnId } };
}

/** The item with streamed text appended to the field the stream names; unchanged if it does not fit. */
export function appendDelta(item: Item, stream: Delta['stream'], text: string): Item {
  if (text === '') return item;
  switch (item.kind) {
    case 'agent_message':
      return stream === 'text' ? { ...item, text: item.text + text } : item;
    case 'reasoning':
      return stream === 'reasoning' || stream === 'text' ? { ...item, text: item.text + text } : item;
    case 'command':
      return stream === 'output' ? { ...item, output: item.output + text } : item;
    case 'tool_call':
      return stream === 'output' ? { ...item, output: (item.output ?? '') + text } : item;
    case 'user_message':
    case 'file_change':
    case 'plan':
    case 'compaction':
    case 'error':
      return item;
  }
}

/**
 * Applies one notification. `item/started` only inserts (a snapshot fetched meanwhile may already
 * hold more text than the start did); `item/completed` replaces, since it carries the final state.
 */
export function foldEvent(state: ThreadTranscript, event: TranscriptEvent): ThreadTranscript {
  switch (event.type) {
    case 'turn':
      return putTurn(state, event.turn);
    case 'item-started':
      return state.items[event.item.id] ? state : putItem(state, event.item);
    case 'item-completed':
      return putItem(state, event.item);
    case 'delta': {
      const { itemId, stream, delta } = event.delta;
      const item = state.items[itemId];
      // A delta for an item this page never saw start: its completion will bring the whole text.
      if (!item || item.status !== 'in_progress') return state;
      const next = appendDelta(item, stream, delta);
      return next === item ? state : { ...state, items: { ...state.items, [itemId]: next } };
    }
  }
}

export function foldEvents(state: ThreadTranscript, events: readonly TranscriptEvent[]): ThreadTranscript {
  return events.reduce(foldEvent, state);
}

/** Consecutive deltas to the same item and stream merged into one, so a frame's worth folds in one step. */
export function mergeDeltas(deltas: readonly Delta[]): Delta[] {
  const merged: Delta[] = [];
  for (const delta of deltas) {
    const last = merged[merged.length - 1];
    if (last && last.itemId === delta.itemId && last.stream === delta.stream) {
      merged[merged.length - 1] = { ...last, delta: last.delta + delta.delta };
    } else merged.push(delta);
  }
  return merged;
}

/** The newest turn, if any. */
export function lastTurn(state: ThreadTranscript): Turn | undefined {
  const id = state.turnOrder[state.turnOrder.length - 1];
  return id ? state.turns[id] : undefined;
}

/**
 * Whether a user message is the prompt that opened a continuation turn ("Continue" after an
 * interruption or a crash): the host wrote it, not the person. A turn has one such opening message;
 * messages added while it runs are steers.
 */
export function isContinuationPrompt(item: Item, turn: Turn | undefined): boolean {
  return item.kind === 'user_message' && !item.steer && (turn?.continuesTurnId ?? null) !== null;
}

/** The messages the person wrote, oldest first: the composer's history. */
export function userMessages(state: ThreadTranscript): string[] {
  const texts: string[] = [];
  for (const id of state.order) {
    const item = state.items[id];
    if (item?.kind === 'user_message' && !isContinuationPrompt(item, state.turns[item.turnId])) {
      texts.push(item.text);
    }
  }
  return texts;
}
