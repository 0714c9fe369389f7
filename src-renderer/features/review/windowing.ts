/**
 * Which rows of a long fixed-height list to render: only those in view, plus a margin so a fast
 * scroll does not show blank rows before React catches up.
 */
export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
}

export interface WindowRange {
  /** First rendered row, and one past the last. */
  start: number;
  end: number;
  /** Where the first rendered row sits, from the top of the scrolled content. */
  offsetTop: number;
  /** The height of the whole list, so the scrollbar is true. */
  totalHeight: number;
}

export function visibleWindow({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan,
}: WindowInput): WindowRange {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/**
 * The scroll position that brings row `index` fully into view with the least movement, or null
 * when it already is.
 */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return null;
}
