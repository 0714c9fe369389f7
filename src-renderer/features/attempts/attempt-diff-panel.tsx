import { useMemo, useRef, useState } from 'react';
import type { Attempt, AttemptGroup } from '../../../src-shared/contract';
import { DiffEditor, type DiffEditorHandle } from '../review/diff-editor';
import type { DiffTexts } from '../review/monaco/review-diff-editor';
import { useReviewPreferences } from '../review/review-slice';
import { attemptName } from './attempt-format';
import { TakeChanges } from './take-changes';
import { useComparedFile, useComparison } from './use-comparison';

interface AttemptDiffPanelProps {
  group: AttemptGroup;
  /** The left side ("against"). */
  from: Attempt;
  /** The right side: the attempt being looked at. */
  to: Attempt;
  onSwap: () => void;
  onClose: () => void;
}

const NO_COMMENTS: never[] = [];
const ignore = () => undefined;

/** Where two attempts differ: the files, and one file side by side in the review's diff editor. */
export function AttemptDiffPanel({ group, from, to, onSwap, onClose }: AttemptDiffPanelProps) {
  const [version, setVersion] = useState(0);
  const comparison = useComparison(group.id, from.thread.id, to.thread.id, version);
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const files = comparison.value?.files ?? [];
  const file = files.find((f) => f.path === chosenPath) ?? files[0] ?? null;
  const diff = useComparedFile(comparison.value, file);
  const layout = useReviewPreferences((s) => s.layout);
  const editorRef = useRef<DiffEditorHandle | null>(null);
  const showable = diff.value !== null && !diff.value.binary && !diff.value.tooLarge;
  const oldText = diff.value?.oldContent ?? '';
  const newText = diff.value?.newContent ?? '';
  const language = diff.value?.language ?? 'plaintext';
  const texts = useMemo<DiffTexts | null>(
    () => (showable ? { oldText, newText, language } : null),
    [showable, oldText, newText, language],
  );
  const heading = `${attemptName(to)} against ${attemptName(from)}`;

  return (
    <section className="attempt-diff" aria-label={`Diff of ${heading}`}>
      <header className="attempt-diff-head">
        <h3>
          <span className="attempt-del">{attemptName(from)}</span> →{' '}
          <span className="attempt-add">{attemptName(to)}</span>
        </h3>
        <span role="status" className="attempt-diff-status">
          {comparison.loading
            ? 'Comparing…'
            : comparison.value
              ? `${files.length} ${files.length === 1 ? 'file differs' : 'files differ'}`
              : ''}
        </span>
        <button type="button" className="button small" onClick={onSwap}>
          Swap sides
        </button>
        <button type="button" className="button small" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
        <button type="button" className="icon-button" aria-label="Close the diff" onClick={onClose}>
          ×
        </button>
      </header>
      {comparison.error && (
        <p className="inline-error" role="alert">
          {comparison.error}
        </p>
      )}
      {comparison.value && files.length === 0 && (
        <p className="attempt-diff-empty">The two attempts have the same content.</p>
      )}
      {file && (
        <div className="attempt-diff-body">
          <ul className="attempt-diff-files" aria-label="Files that differ">
            {files.map((f) => (
              <li key={f.path}>
                <button
                  type="button"
                  className={f.path === file.path ? 'attempt-diff-file selected' : 'attempt-diff-file'}
                  aria-pressed={f.path === file.path}
                  onClick={() => setChosenPath(f.path)}
                >
                  <span className="mono attempt-diff-path">{f.path}</span>
                  <span className="attempt-diff-stats">
                    <span className="attempt-add">+{f.additions}</span>{' '}
                    <span className="attempt-del">−{f.deletions}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="attempt-diff-main">
            <div className="attempt-diff-editor">
              {diff.error ? (
                <p className="inline-error" role="alert">
                  {diff.error}
                </p>
              ) : texts ? (
                <DiffEditor
                  texts={texts}
                  path={file.path}
                  label={`Changes in ${file.path}`}
                  layout={layout}
                  comments={NO_COMMENTS}
                  hunks={null}
                  onRevertHunk={ignore}
                  onSelection={ignore}
                  onCommentRequest={ignore}
                  handleRef={editorRef}
                />
              ) : diff.value ? (
                <p className="attempt-diff-empty">Binary or too large to show here.</p>
              ) : (
                <p role="status">Loading the diff…</p>
              )}
            </div>
            <TakeChanges
              group={group}
              source={to}
              defaultTarget={from}
              path={file.path}
              onTaken={() => setVersion((v) => v + 1)}
            />
          </div>
        </div>
      )}
    </section>
  );
}
