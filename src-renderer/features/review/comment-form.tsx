import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { InlineError } from '../../app/ui/modal';
import { isMacPlatform } from '../../lib/keymap';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { lineSpan } from './comment-marks';
import type { CommentTarget } from './file-diff-panel';
import { reviewOf, useReview } from './review-slice';

/** Quotes longer than this are cut in the form (the host keeps the whole quote). */
const QUOTE_PREVIEW_LINES = 6;

const SAVE_HINT = isMacPlatform ? '⌘↩' : 'Ctrl+Enter';

function isSaveKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (isMacPlatform ? event.metaKey : event.ctrlKey);
}

/** Writes a new draft comment on the lines chosen in the diff. */
export function NewCommentForm({
  threadId,
  target,
  onClose,
}: {
  threadId: string;
  target: CommentTarget;
  onClose: () => void;
}) {
  const [body, setBody] = useState('');
  const { pending, error, run } = useAsyncAction();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), [target]);
  const quoteLines = target.quote.split('\n');

  const save = async () => {
    if (!body.trim()) return;
    const comment = await run(() =>
      requireClient().api.review.addComment({
        threadId,
        path: target.path,
        side: target.side,
        startLine: target.startLine,
        endLine: target.endLine,
        body,
        quote: target.quote,
      }),
    );
    if (!comment) return;
    // The notification brings the whole list too; this shows the draft without waiting for it.
    const current = reviewOf(useReview.getState().byThread, threadId).comments ?? [];
    if (!current.some((c) => c.id === comment.id)) {
      useReview.getState().update(threadId, { comments: [...current, comment] });
    }
    onClose();
  };

  const where = `${target.path}, ${target.side === 'old' ? 'before the change, ' : ''}${lineSpan(target.startLine, target.endLine)}`;
  return (
    <form
      className="review-comment-form"
      aria-label="New comment"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="review-comment-where mono">{where}</p>
      {target.quote && (
        <pre className="review-quote mono" aria-label="Quoted lines">
          {quoteLines.slice(0, QUOTE_PREVIEW_LINES).join('\n')}
          {quoteLines.length > QUOTE_PREVIEW_LINES ? '\n…' : ''}
        </pre>
      )}
      <label className="sr-only" htmlFor={`${threadId}-new-comment`}>
        Comment
      </label>
      <textarea
        id={`${threadId}-new-comment`}
        ref={ref}
        className="review-textarea"
        rows={4}
        value={body}
        placeholder="What should change here?"
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => handleFormKeys(event, save, onClose)}
      />
      <InlineError message={error} />
      <div className="review-form-actions">
        <button type="button" className="button small" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="button small primary"
          disabled={pending || !body.trim()}
          title={`Save draft (${SAVE_HINT})`}
        >
          Save draft
        </button>
      </div>
    </form>
  );
}

/** Edits a draft's text in place. */
export function EditCommentForm({
  commentId,
  initial,
  onClose,
}: {
  commentId: string;
  initial: string;
  onClose: () => void;
}) {
  const [body, setBody] = useState(initial);
  const { pending, error, run } = useAsyncAction();
  const save = async () => {
    if (!body.trim()) return;
    const saved = await run(() => requireClient().api.review.editComment({ commentId, body }));
    if (saved) {
      const store = useReview.getState();
      const current = reviewOf(store.byThread, saved.threadId).comments ?? [];
      store.update(saved.threadId, { comments: current.map((c) => (c.id === saved.id ? saved : c)) });
      onClose();
    }
  };
  return (
    <form
      className="review-comment-form"
      aria-label="Edit comment"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        aria-label="Comment"
        className="review-textarea"
        rows={3}
        value={body}
        autoFocus
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => handleFormKeys(event, save, onClose)}
      />
      <InlineError message={error} />
      <div className="review-form-actions">
        <button type="button" className="button small" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={pending || !body.trim()}>
          Save
        </button>
      </div>
    </form>
  );
}

/** Ctrl/Cmd+Enter saves, Escape closes: the same keys in both comment forms. */
function handleFormKeys(
  event: KeyboardEvent<HTMLTextAreaElement>,
  save: () => Promise<void>,
  close: () => void,
): void {
  if (isSaveKey(event)) {
    event.preventDefault();
    void save();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    close();
  }
}
