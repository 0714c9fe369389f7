import { useEffect, useRef, useState, type RefObject } from 'react';
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import type { Thread, ThreadStatus } from '../../../src-shared/contract';
import { MergeConflictWarning } from '../conflicts/merge-conflict-warning';
import { RebasePanel } from '../rebase/rebase-panel';
import { FindingsPanel } from '../review-agent/findings-panel';
import { CommentsPanel } from './comments-panel';
import { CommitBox } from './commit-box';
import { FileDiffPanel, type CommentTarget } from './file-diff-panel';
import { FileTreeView } from './file-tree-view';
import { MergeDialog } from './merge-dialog';
import { PublishDialog } from './publish-dialog';
import { draftsOf, reviewOf, useReview } from './review-slice';
import { ReviewToolbar } from './review-toolbar';
import { useReviewSession } from './use-review-session';
import './review.css';
import './review-diff.css';
import './review-side.css';

/** Pixel sizes of the side columns: a tree of short paths, and comment cards that stay readable. */
const TREE_DEFAULT_PX = 240;
const TREE_MIN_PX = 140;
const SIDE_DEFAULT_PX = 300;
const SIDE_MIN_PX = 220;
const DIFF_MIN_PX = 240;
/**
 * Narrower than this (two or more panes on a laptop) the comments column folds away so the diff
 * keeps its room; the toolbar's Comments button brings it back.
 */
const NARROW_REVIEW_PX = 900;

/** Folds the side column when the review gets narrow and unfolds it when it widens, unless the person chose. */
function useSideColumn(rootRef: RefObject<HTMLDivElement | null>) {
  const panelRef = usePanelRef();
  const [open, setOpen] = useState(true);
  const chosen = useRef(false);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let wasNarrow: boolean | null = null;
    const observer = new ResizeObserver(() => {
      const narrow = root.clientWidth < NARROW_REVIEW_PX;
      if (narrow === wasNarrow || chosen.current) return;
      wasNarrow = narrow;
      if (narrow) panelRef.current?.collapse();
      else panelRef.current?.expand();
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, [rootRef, panelRef]);
  return {
    panelRef,
    open,
    onResize: (size: { inPixels: number }) => setOpen(size.inPixels > 0),
    toggle: () => {
      chosen.current = true;
      if (panelRef.current?.isCollapsed()) panelRef.current.expand();
      else panelRef.current?.collapse();
    },
    show: () => panelRef.current?.expand(),
  };
}

function unavailableReason(status: ThreadStatus): string | null {
  switch (status) {
    case 'creating':
    case 'setting_up':
      return 'The worktree is being prepared; its changes show here once it is ready.';
    case 'missing':
      return "This thread's worktree is missing, so there is nothing to review.";
    case 'archived':
      return 'This thread is archived; unarchive it to review its changes.';
    case 'setup_failed':
    case 'ready':
    case 'working':
    case 'waiting_approval':
    case 'done':
    case 'error':
      return null;
  }
}

function ReviewBody({ thread }: { thread: Thread }) {
  const refresh = useReviewSession(thread.id);
  const summary = useReview((s) => reviewOf(s.byThread, thread.id).summary);
  const summaryError = useReview((s) => reviewOf(s.byThread, thread.id).summaryError);
  const loading = useReview((s) => reviewOf(s.byThread, thread.id).loading);
  const selectedPath = useReview((s) => reviewOf(s.byThread, thread.id).selectedPath);
  const comments = useReview((s) => reviewOf(s.byThread, thread.id).comments);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [dialog, setDialog] = useState<'merge' | 'publish' | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const side = useSideColumn(rootRef);
  const file = summary?.files.find((f) => f.path === selectedPath) ?? null;
  const drafts = draftsOf(comments).length;

  const startComment = (next: CommentTarget) => {
    setTarget(next);
    side.show();
  };

  return (
    <div className="review" ref={rootRef}>
      <ReviewToolbar
        thread={thread}
        summary={summary}
        loading={loading}
        sideOpen={side.open}
        drafts={drafts}
        onToggleSide={side.toggle}
        onRefresh={refresh}
        onMerge={() => setDialog('merge')}
        onPublish={() => setDialog('publish')}
      />
      <MergeConflictWarning thread={thread} />
      <RebasePanel thread={thread} />
      {summaryError && (
        <p className="review-error" role="alert">
          {summaryError}
        </p>
      )}
      <Group orientation="horizontal" className="review-body">
        <Panel
          id="review-files"
          defaultSize={TREE_DEFAULT_PX}
          minSize={TREE_MIN_PX}
          className="review-column"
        >
          {summary ? (
            <FileTreeView threadId={thread.id} summary={summary} />
          ) : (
            <p className="review-empty">{loading ? 'Loading changes…' : ''}</p>
          )}
        </Panel>
        <Separator className="review-separator" aria-label="Resize the file list" />
        <Panel id="review-diff" minSize={DIFF_MIN_PX} className="review-column">
          {summary && file ? (
            <FileDiffPanel
              threadId={thread.id}
              summary={summary}
              file={file}
              comments={comments ?? []}
              onStartComment={startComment}
              onChanged={refresh}
            />
          ) : summary ? (
            <p className="review-empty">
              {summary.files.length === 0 ? 'This thread has not changed anything yet.' : 'Choose a file.'}
            </p>
          ) : null}
        </Panel>
        <Separator className="review-separator" aria-label="Resize the comments column" />
        <Panel
          id="review-side"
          panelRef={side.panelRef}
          defaultSize={SIDE_DEFAULT_PX}
          minSize={SIDE_MIN_PX}
          collapsible
          collapsedSize={0}
          onResize={side.onResize}
          className="review-column"
        >
          <div className="review-side" id={`${thread.id}-review-side`}>
            <FindingsPanel thread={thread} />
            <CommentsPanel thread={thread} target={target} onCloseForm={() => setTarget(null)} />
            <CommitBox threadId={thread.id} summary={summary} onCommitted={refresh} />
          </div>
        </Panel>
      </Group>
      {dialog === 'merge' && <MergeDialog thread={thread} onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog thread={thread} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** A thread's review: the changed files, one file's diff in Monaco, comments, commit, merge and publish. */
export function ReviewView({ thread }: { thread: Thread }) {
  const reason = unavailableReason(thread.status);
  if (reason) return <p className="pane-empty">{reason}</p>;
  return <ReviewBody thread={thread} />;
}
