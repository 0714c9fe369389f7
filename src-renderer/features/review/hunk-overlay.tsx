import { useEffect, useState, type RefObject } from 'react';
import type { DiffHunk } from '../../../src-shared/contract';
import type { HunkPosition } from './monaco/hunk-zones';
import type { ReviewDiffEditor } from './monaco/review-diff-editor';

interface HunkOverlayProps {
  editor: ReviewDiffEditor;
  frame: RefObject<HTMLDivElement | null>;
  hunks: readonly DiffHunk[];
  onRevert: (hunk: DiffHunk) => void;
}

export function hunkLines(hunk: DiffHunk): string {
  const last = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
  return hunk.newLines <= 1 ? `line ${Math.max(1, hunk.newStart)}` : `lines ${hunk.newStart}–${last}`;
}

/**
 * A "Revert" button on each hunk's header row (a view zone the editor reserves above the hunk),
 * drawn in our own DOM over the editor so it is a real, tabbable button.
 */
export function HunkOverlay({ editor, frame, hunks, onRevert }: HunkOverlayProps) {
  const [placed, setPlaced] = useState<HunkPosition[]>([]);

  useEffect(() => {
    let pending = 0;
    // Measured once per frame however many scroll events arrive.
    const measure = () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => {
        const container = frame.current;
        if (container) setPlaced(editor.hunkPositions(container));
      });
    };
    editor.setHunks(hunks);
    measure();
    const stop = editor.onViewChange(measure);
    return () => {
      stop();
      cancelAnimationFrame(pending);
      editor.setHunks([]);
    };
  }, [editor, frame, hunks]);

  return (
    <>
      {placed.map(({ hunk, top, right }) => (
        <button
          key={hunk.header}
          type="button"
          className="review-hunk-revert"
          style={{ top, right }}
          aria-label={`Revert hunk at ${hunkLines(hunk)}`}
          title={`Revert this hunk to the base (${hunk.header})`}
          onClick={() => onRevert(hunk)}
        >
          ↶ Revert
        </button>
      ))}
    </>
  );
}
