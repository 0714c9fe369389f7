import type { SecretStream } from './secret-matcher';
import type { OutputScrubber } from './output-scrubber';

export type DeltaStream = 'text' | 'reasoning' | 'output';

/** Every string inside `value` (objects and arrays walked), scrubbed, as a copy; other values as they are. */
export function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((entry) => scrubDeep(entry, scrub));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, scrubDeep(entry, scrub)]));
  }
  return value;
}

/**
 * The transcript's side of the scrubber: one turn's items as the recorder creates, patches and
 * streams them. Every backend's items pass the recorder (the built-in agent's tools, Codex's and
 * Claude Code's commands, MCP results), so scrubbing there covers them all once: what is stored,
 * announced to clients and later exported as a trace is the scrubbed text.
 */
export class ItemScrub {
  /** Live streams per item and stream kind: each may hold back the start of a value split across deltas. */
  private readonly streams = new Map<string, { itemId: string; stream: DeltaStream; live: SecretStream }>();

  constructor(private readonly scrubber: Pick<OutputScrubber, 'text' | 'stream'>) {}

  /** A copy of an item's fields (or a patch of them) with every string scrubbed. */
  fields<T extends object>(fields: T): T {
    return scrubDeep(fields, (text) => this.scrubber.text(text)) as T;
  }

  /** What can be shown of a streamed delta now; the rest comes with the next delta or `end`. */
  delta(itemId: string, stream: DeltaStream, text: string): string {
    const key = `${itemId}\0${stream}`;
    let entry = this.streams.get(key);
    if (!entry) {
      entry = { itemId, stream, live: this.scrubber.stream() };
      this.streams.set(key, entry);
    }
    return entry.live.push(text);
  }

  /** The item is done: the tails its streams held back, scrubbed, to be sent before its completion. */
  end(itemId: string): { stream: DeltaStream; text: string }[] {
    const tails: { stream: DeltaStream; text: string }[] = [];
    for (const [key, entry] of this.streams) {
      if (entry.itemId !== itemId) continue;
      this.streams.delete(key);
      const text = entry.live.end();
      if (text !== '') tails.push({ stream: entry.stream, text });
    }
    return tails;
  }
}
