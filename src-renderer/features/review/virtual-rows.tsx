import { useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { scrollToReveal, visibleWindow } from './windowing';

/** Rows beyond the viewport kept rendered, so a quick scroll does not flash empty space. */
const OVERSCAN_ROWS = 8;

interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  /** Row to keep in view (the active one); scrolled to when it changes. */
  revealIndex: number;
  renderRow: (index: number) => ReactNode;
  className?: string;
  /** Props for the scrolling element: it carries the list's role, label and key handling. */
  containerProps: HTMLAttributes<HTMLDivElement>;
}

/**
 * A fixed-row-height list that renders only the rows in view: thousands of changed files scroll as
 * smoothly as ten. The scrolling element is the list itself, so ARIA roles go on it.
 */
export function VirtualRows({
  count,
  rowHeight,
  revealIndex,
  renderRow,
  className,
  containerProps,
}: VirtualRowsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ scrollTop: 0, height: 0 });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || revealIndex < 0) return;
    const target = scrollToReveal(revealIndex, rowHeight, element.scrollTop, element.clientHeight);
    if (target !== null) element.scrollTop = target;
  }, [revealIndex, rowHeight]);

  const range = visibleWindow({
    count,
    rowHeight,
    scrollTop: viewport.scrollTop,
    viewportHeight: viewport.height,
    overscan: OVERSCAN_ROWS,
  });
  const rows: ReactNode[] = [];
  for (let index = range.start; index < range.end; index += 1) rows.push(renderRow(index));

  return (
    <div
      {...containerProps}
      ref={ref}
      className={className}
      onScroll={(event) => {
        const element = event.currentTarget;
        setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
      }}
    >
      <div style={{ height: range.totalHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: range.offsetTop, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
