import { useEffect, useState } from 'react';
import type { MergePreview, MergeResult, MergeStrategy, Thread } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { MergeConflictWarning } from '../conflicts/merge-conflict-warning';
import { archiveThread } from '../threads/thread-actions';
import { mergeNotes, STRATEGY_LABELS } from './merge-notes';
import { shortCommit } from './review-format';

const STRATEGIES: MergeStrategy[] = ['merge', 'squash', 'rebase'];
const MERGE_ACTIONS: Record<MergeStrategy, string> = {
  merge: 'Merge',
  squash: 'Squash and merge',
  rebase: 'Rebase and merge',
};

function MergeDone({
  thread,
  result,
  onClose,
}: {
  thread: Thread;
  result: MergeResult;
  onClose: () => void;
}) {
  const archive = async () => {
    await archiveThread(thread.id);
    onClose();
  };
  return (
    <>
      <p role="status">
        Merged into {result.base}: {shortCommit(result.baseBefore)} → {shortCommit(result.baseAfter)}.
        {result.checkoutUpdated && ` The checkout at ${result.checkoutUpdated} was updated too.`}
      </p>
      <p className="field-hint">
        Archiving removes the thread&apos;s worktree; any uncommitted work in it goes to the trash first.
      </p>
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Keep the thread
        </button>
        <button type="button" className="button primary" onClick={() => void archive()}>
          Archive thread
        </button>
      </ModalActions>
    </>
  );
}

/** Merges the thread into its base: a preview of what would happen first, then the merge. */
export function MergeDialog({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const [strategy, setStrategy] = useState<MergeStrategy>('squash');
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  /** Bumped by "Check again": the preview is fetched anew. */
  const [previewRound, setPreviewRound] = useState(0);
  const [result, setResult] = useState<MergeResult | null>(null);
  const merging = useAsyncAction();
  const previewLoading = preview === null && previewError === null;

  useEffect(() => {
    let cancelled = false;
    requireClient()
      .api.thread.mergePreview({ threadId: thread.id })
      .then(
        (next) => {
          if (!cancelled) setPreview(next);
        },
        (error: unknown) => {
          if (!cancelled) setPreviewError(error instanceof Error ? error.message : String(error));
        },
      );
    return () => {
      cancelled = true;
    };
  }, [thread.id, previewRound]);

  const checkAgain = () => {
    setPreview(null);
    setPreviewError(null);
    merging.setError(null);
    setPreviewRound((round) => round + 1);
  };

  const merge = async () => {
    if (!preview) return;
    const done = await merging.run(() =>
      requireClient().api.thread.merge({
        threadId: thread.id,
        strategy,
        expectedBaseCommit: preview.baseCommit,
        ...(message.trim() && strategy !== 'rebase' ? { message } : {}),
      }),
    );
    if (done) setResult(done);
  };

  const title = `Merge ${thread.title} into ${thread.base}`;
  if (result) {
    return (
      <Modal title={title} onClose={onClose}>
        <MergeDone thread={thread} result={result} onClose={onClose} />
      </Modal>
    );
  }
  const summary = preview ? mergeNotes(preview) : null;
  return (
    <Modal title={title} onClose={onClose}>
      <fieldset className="review-strategies">
        <legend className="field-label">Strategy</legend>
        {STRATEGIES.map((value) => (
          <label key={value} className="review-strategy">
            <input
              type="radio"
              name="merge-strategy"
              value={value}
              checked={strategy === value}
              onChange={() => setStrategy(value)}
            />
            <span>
              <strong>{STRATEGY_LABELS[value].label}</strong>
              <span className="field-hint">{STRATEGY_LABELS[value].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {strategy !== 'rebase' && (
        <>
          <label className="field-label" htmlFor={`${thread.id}-merge-message`}>
            Commit message (optional)
          </label>
          <input
            id={`${thread.id}-merge-message`}
            className="text-input"
            value={message}
            placeholder={strategy === 'squash' ? thread.title : `Merge ${thread.branch}`}
            onChange={(event) => setMessage(event.target.value)}
          />
        </>
      )}
      <section className="review-merge-preview" aria-label="Merge preview" aria-busy={previewLoading}>
        {previewLoading && <p className="field-hint">Checking what the merge would do…</p>}
        {summary && (
          <ul className="review-merge-notes">
            {summary.notes.map((note) => (
              <li key={note.text} className={`review-note review-note-${note.tone}`}>
                {note.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <MergeConflictWarning thread={thread} compact />
      <InlineError message={previewError ?? merging.error} />
      <ModalActions>
        <button type="button" className="button" onClick={checkAgain} disabled={previewLoading}>
          Check again
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!summary?.canMerge || merging.pending}
          onClick={() => void merge()}
        >
          {merging.pending ? 'Merging…' : MERGE_ACTIONS[strategy]}
        </button>
      </ModalActions>
    </Modal>
  );
}
