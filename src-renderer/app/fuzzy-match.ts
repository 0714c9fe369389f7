/**
 * Scores how well `query` matches `text` as an in-order subsequence (case-insensitive), or
 * returns null. Consecutive letters and letters at word starts score higher, so "nt" ranks
 * "New thread" above "Next tab stop".
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = t.indexOf(char, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s/\-_.:]/.test(t[at - 1] ?? '');
    score += 1 + (at === previous + 1 ? 3 : 0) + (wordStart ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  // Prefer shorter texts when the match is otherwise equal.
  return score - text.length / 1000;
}

export function fuzzyFilter<T>(items: T[], query: string, textOf: (item: T) => string): T[] {
  if (query.trim() === '') return items;
  return items
    .map((item) => ({ item, score: fuzzyScore(query, textOf(item)) }))
    .filter((entry): entry is { item: T; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}
