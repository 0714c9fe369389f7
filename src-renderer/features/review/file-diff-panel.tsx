import { useMemo, useRef, useState } from 'react';
import type { DiffFile, DiffSummary, FileDiff, ReviewComment } from '../../../src-shared/contract';
import { isMacPlatform } from '../../lib/keymap';
import { lineSpan, type CommentSide } from './comment-marks';
import { DiffEditor, type DiffEditorHandle } from './diff-editor';
import type { DiffTexts, EditorLineSelection } from './monaco/review-diff-editor';
import { changeLetter, changeWord, describeSizes, modeChange } from './review-format';
import { useReviewPreferences } from './review-slice';
import { RevertDialog, type RevertTarget } from './revert-dialog';
import { useFileDiff } from './use-file-diff';

export interface CommentTarget {
  path: string;
  side: CommentSide;
  startLine: number;
  endLine: number;
  quote: string;
}

interface FileDiffPanelProps {
  threadId: string;
  summary: DiffSummary;
  file: DiffFile;
  comments: readonly ReviewComment[];
  onStartComment: (target: CommentTarget) => void;
  onChanged: () => void;
}

const COMMENT_SHORTCUT = isMacPlatform ? '⌘⌥C' : 'Ctrl+Alt+C';

function FileHeader({ file }: { file: DiffFile }) {
  const mode = modeChange(file);
  return (
    <div className="review-file-title">
      <span className={`review-kind review-kind-${file.change}`} title={changeWord(file.change)}>
        {changeLetter(file.change)}
      </span>
      <h3 className="review-file-path mono">
        {file.oldPath && file.oldPath !== file.path ? (
          <>
            <span className="review-old-path">{file.oldPath}</span> → {file.path}
          </>
        ) : (
          file.path
        )}
      </h3>
      {mode && <span className="review-chip">mode {mode}</span>}
      {file.uncommitted && <span className="review-chip">uncommitted</span>}
      {!file.binary && (
        <span className="review-file-stats">
          <span className="review-add">+{file.additions ?? 0}</span>{' '}
          <span className="review-del">−{file.deletions ?? 0}</span>
        </span>
      )}
    </div>
  );
}

function DiffNotice({ diff, onLoadFull }: { diff: FileDiff; onLoadFull: () => void }) {
  if (diff.binary) {
    return (
      <p className="review-notice" role="status">
        Binary file, not shown: {describeSizes(diff.oldSize, diff.newSize)}.
      </p>
    );
  }
  return (
    <div className="review-notice" role="status">
      <p>This file is too large to show inline ({describeSizes(diff.oldSize, diff.newSize)}).</p>
      <button type="button" className="button" onClick={onLoadFull}>
        Load anyway
      </button>
    </div>
  );
}

/** One file's diff: its header and actions, then Monaco, or a notice for binary and oversized files. */
export function FileDiffPanel({
  threadId,
  summary,
  file,
  comments,
  onStartComment,
  onChanged,
}: FileDiffPanelProps) {
  const { diff, error, loading, loadFull } = useFileDiff(threadId, summary, file);
  const layout = useReviewPreferences((s) => s.layout);
  const editorRef = useRef<DiffEditorHandle | null>(null);
  const [selection, setSelection] = useState<(EditorLineSelection & { path: string }) | null>(null);
  const [revert, setRevert] = useState<RevertTarget | null>(null);
  const revertable = summary.range.kind === 'base';

  // `diff` may still be the previous file's while this one loads: it stays on screen meanwhile.
  const fresh = diff !== null && diff.path === file.path && !loading;
  const oldText = diff?.oldContent ?? null;
  const newText = diff?.newContent ?? null;
  const language = diff?.language ?? 'plaintext';
  const showable = diff !== null && !diff.binary && !diff.tooLarge;
  const texts = useMemo<DiffTexts | null>(
    () => (showable ? { oldText: oldText ?? '', newText: newText ?? '', language } : null),
    [showable, oldText, newText, language],
  );
  const current = fresh && selection?.path === file.path ? selection : null;

  const startComment = (target: (EditorLineSelection & { path: string }) | null = current) => {
    if (!target || target.path !== file.path) return;
    const quote = editorRef.current?.quote(target.side, target.startLine, target.endLine) ?? '';
    onStartComment({
      path: file.path,
      side: target.side,
      startLine: target.startLine,
      endLine: target.endLine,
      quote,
    });
  };

  return (
    <section
      className={loading ? 'review-file loading' : 'review-file'}
      aria-label={`Diff of ${file.path}`}
      aria-busy={loading}
    >
      <header className="review-file-header">
        <FileHeader file={file} />
        <div className="review-file-actions">
          <button
            type="button"
            className="button small"
            aria-label="Previous change"
            title="Previous change"
            disabled={!texts}
            onClick={() => editorRef.current?.goToDiff('previous')}
          >
            ↑
          </button>
          <button
            type="button"
            className="button small"
            aria-label="Next change"
            title="Next change"
            disabled={!texts}
            onClick={() => editorRef.current?.goToDiff('next')}
          >
            ↓
          </button>
          <button
            type="button"
            className="button small"
            disabled={!texts || !current}
            title={
              current
                ? `Comment on the selected lines (${COMMENT_SHORTCUT} in the editor)`
                : `Select lines in the diff first, then comment (${COMMENT_SHORTCUT} in the editor)`
            }
            aria-keyshortcuts={isMacPlatform ? 'Meta+Alt+C' : 'Control+Alt+C'}
            onClick={() => startComment()}
          >
            {current
              ? `Comment on ${current.side === 'old' ? 'old ' : ''}${lineSpan(current.startLine, current.endLine)}`
              : 'Comment'}
          </button>
          {revertable && (
            <button type="button" className="button small" onClick={() => setRevert({ kind: 'file' })}>
              Revert file
            </button>
          )}
        </div>
      </header>
      {error ? (
        <p className="review-notice" role="alert">
          {error}
        </p>
      ) : fresh && !texts ? (
        <DiffNotice diff={diff} onLoadFull={loadFull} />
      ) : diff && texts ? (
        <>
          {loading && (
            <p className="review-loading-bar" role="status">
              Loading the diff…
            </p>
          )}
          {fresh && diff.hunks.length === 0 && oldText === newText && (
            <p className="review-notice compact" role="status">
              {modeChange(file)
                ? `Only the file mode changed (${modeChange(file)}).`
                : 'No changes in the text.'}
            </p>
          )}
          <DiffEditor
            texts={texts}
            path={diff.path}
            label={`Changes in ${diff.path}`}
            layout={layout}
            comments={comments}
            hunks={revertable && fresh ? diff.hunks : null}
            onRevertHunk={(hunk) => setRevert({ kind: 'hunk', hunk })}
            onSelection={(next) => setSelection({ ...next, path: diff.path })}
            onCommentRequest={(chosen) => startComment(chosen && { ...chosen, path: diff.path })}
            handleRef={editorRef}
            threadId={threadId}
          />
        </>
      ) : (
        <p className="review-notice" role="status">
          Loading the diff…
        </p>
      )}
      {revert && (
        <RevertDialog
          threadId={threadId}
          path={file.path}
          to={summary.to}
          target={revert}
          onDone={onChanged}
          onClose={() => setRevert(null)}
        />
      )}
    </section>
  );
}
