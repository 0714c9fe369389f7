import { useCallback, useEffect, useRef, useState } from 'react';

/** Within this many pixels of the end the reader counts as "at the bottom" (sub-pixel zoom, rounding). */
const BOTTOM_SLACK_PX = 32;

/**
 * Keeps a scroll container pinned to its end while the reader is there, and leaves it alone once
 * they scroll up (then `behind` offers a way back). Growth is watched with ResizeObserver, so
 * streaming text and expanding items are followed without the list re-rendering.
 */
export function useStickToBottom() {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** Distance from the end to restore after content is added above the reader ("Show earlier"). */
  const anchor = useRef<number | null>(null);
  const [behind, setBehind] = useState(false);

  const scrollToEnd = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setBehind(false);
  }, []);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    if (atBottom.current) setBehind(false);
  }, []);

  /** Call right before adding content above what the reader sees; their view stays where it is. */
  const keepPosition = useCallback(() => {
    const element = scroller.current;
    if (element) anchor.current = element.scrollHeight - element.scrollTop;
  }, []);

  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    element.scrollTop = element.scrollHeight;
    let lastHeight = inner.offsetHeight;
    // Runs after layout and before paint, so following (or holding still) never shows a jump.
    const observer = new ResizeObserver(() => {
      const grew = inner.offsetHeight > lastHeight;
      lastHeight = inner.offsetHeight;
      if (anchor.current !== null) {
        element.scrollTop = element.scrollHeight - anchor.current;
        anchor.current = null;
      } else if (atBottom.current) element.scrollTop = element.scrollHeight;
      else if (grew) setBehind(true);
    });
    observer.observe(inner);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return { scroller, content, onScroll, scrollToEnd, keepPosition, behind };
}
