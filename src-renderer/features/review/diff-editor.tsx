import { useEffect, useRef, useState, type RefObject } from 'react';
import type { DiffHunk, ReviewComment } from '../../../src-shared/contract';
import { useFindingMarks } from '../review-agent/use-finding-marks';
import { commentMarks, type CommentSide } from './comment-marks';
import { HunkOverlay } from './hunk-overlay';
import { loadMonaco } from './monaco/load-monaco';
import { ReviewDiffEditor, type DiffTexts, type EditorLineSelection } from './monaco/review-diff-editor';
import type { DiffLayout } from './review-slice';

/** What the file panel asks of the editor. */
export interface DiffEditorHandle {
  quote: (side: CommentSide, startLine: number, endLine: number) => string;
  goToDiff: (target: 'next' | 'previous') => void;
  focus: (side: CommentSide) => void;
}

interface DiffEditorProps {
  /** Changes identity only when the shown text changes. */
  texts: DiffTexts;
  path: string;
  label: string;
  layout: DiffLayout;
  comments: readonly ReviewComment[];
  /** Hunks that can be reverted (the `base` range only); null hides the buttons. */
  hunks: readonly DiffHunk[] | null;
  onRevertHunk: (hunk: DiffHunk) => void;
  onSelection: (selection: EditorLineSelection) => void;
  onCommentRequest: (selection: EditorLineSelection | null) => void;
  handleRef: RefObject<DiffEditorHandle | null>;
  /** The thread under review: its review agent's findings are drawn in. */
  threadId?: string;
}

/** Monaco's diff editor, loaded on first use. Everything Monaco-specific lives in ReviewDiffEditor. */
export function DiffEditor(props: DiffEditorProps) {
  const { texts, path, label, layout, comments, hunks, onRevertHunk, handleRef } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editor, setEditor] = useState<ReviewDiffEditor | null>(null);
  const shownTexts = useRef<DiffTexts | null>(null);
  // The editor is created once; later layout changes go through setLayout.
  const layoutAtCreation = useRef(layout);
  // Monaco calls back long after render; it must reach the newest handlers.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    let created: ReviewDiffEditor | null = null;
    let cancelled = false;
    loadMonaco().then(
      (monaco) => {
        const container = containerRef.current;
        if (cancelled || !container) return;
        const instance = new ReviewDiffEditor(monaco, container, layoutAtCreation.current, {
          onSelection: (selection) => callbacks.current.onSelection(selection),
          onCommentRequest: (selection) => callbacks.current.onCommentRequest(selection),
        });
        created = instance;
        handleRef.current = {
          quote: (side, start, end) => instance.quote(side, start, end),
          goToDiff: (target) => instance.goToDiff(target),
          focus: (side) => instance.focus(side),
        };
        setEditor(instance);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      handleRef.current = null;
      created?.dispose();
      shownTexts.current = null;
    };
  }, [handleRef]);

  useEffect(() => {
    if (!editor) return;
    if (shownTexts.current !== texts) {
      editor.show(texts);
      shownTexts.current = texts;
    }
    const counts = editor.lineCounts();
    if (counts) editor.setMarks(commentMarks(comments, path, counts));
  }, [editor, texts, comments, path]);
  useFindingMarks(editor, props.threadId, path, texts);

  useEffect(() => {
    editor?.setLayout(layout);
  }, [editor, layout]);

  if (loadError) {
    return (
      <p className="review-notice" role="alert">
        The diff editor could not load: {loadError}
      </p>
    );
  }
  return (
    <div ref={frameRef} className="review-editor-frame" role="group" aria-label={label}>
      <div ref={containerRef} className="review-editor" />
      {!editor && (
        <p className="review-editor-loading" role="status">
          Loading the diff editor…
        </p>
      )}
      {editor && hunks && (
        <HunkOverlay editor={editor} frame={frameRef} hunks={hunks} onRevert={onRevertHunk} />
      )}
    </div>
  );
}
