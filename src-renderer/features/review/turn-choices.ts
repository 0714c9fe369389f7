import type { DiffRange, Item, Turn } from '../../../src-shared/contract';

/** Long enough to recognise a request, short enough for a menu. */
const PREVIEW_MAX_WORDS = 6;
const PREVIEW_MAX_CHARS = 48;

export interface RangeChoice {
  /** The `<option>` value: `base`, or `turn:<id>`. */
  value: string;
  label: string;
  range: DiffRange;
}

/** The first few words of a request's first line: "Add a login form with…". */
export function requestPreview(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const words = (lines[0] ?? '').split(/\s+/).filter(Boolean);
  let preview = words.slice(0, PREVIEW_MAX_WORDS).join(' ');
  let cut = words.length > PREVIEW_MAX_WORDS || lines.length > 1;
  if (preview.length > PREVIEW_MAX_CHARS) {
    preview = preview.slice(0, PREVIEW_MAX_CHARS).trimEnd();
    cut = true;
  }
  return cut ? `${preview.replace(/[:;,.]+$/, '')}…` : preview;
}

/** Each turn's opening request (its first user message that is not a steer). */
export function firstRequests(items: Iterable<Item>): Map<string, string> {
  const requests = new Map<string, { seq: number; text: string }>();
  for (const item of items) {
    if (item.kind !== 'user_message' || item.steer) continue;
    const known = requests.get(item.turnId);
    if (!known || item.seq < known.seq) requests.set(item.turnId, { seq: item.seq, text: item.text });
  }
  return new Map([...requests].map(([turnId, { text }]) => [turnId, text]));
}

export function turnLabel(turn: Turn, request: string | undefined): string {
  const preview = request ? requestPreview(request) : '';
  if (preview) return `Turn ${turn.seq}: ${preview}`;
  return turn.continuesTurnId ? `Turn ${turn.seq}: continued` : `Turn ${turn.seq}`;
}

export const BASE_CHOICE: RangeChoice = { value: 'base', label: 'All changes', range: { kind: 'base' } };

/**
 * "All changes" then every turn that can be reviewed on its own: one with snapshots on both sides
 * (a running turn has no "after" yet), oldest first.
 */
export function rangeChoices(turns: readonly Turn[], requests: ReadonlyMap<string, string>): RangeChoice[] {
  const reviewable = turns
    .filter((turn) => turn.snapshotBefore !== null && turn.snapshotAfter !== null)
    .sort((a, b) => a.seq - b.seq);
  return [
    BASE_CHOICE,
    ...reviewable.map((turn) => ({
      value: `turn:${turn.id}`,
      label: turnLabel(turn, requests.get(turn.id)),
      range: { kind: 'turn', turnId: turn.id } as const,
    })),
  ];
}

export function rangeValue(range: DiffRange): string {
  return range.kind === 'base' ? 'base' : `turn:${range.turnId}`;
}

export function sameRange(a: DiffRange, b: DiffRange): boolean {
  return rangeValue(a) === rangeValue(b);
}
