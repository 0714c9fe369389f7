import { useState } from 'react';
import type { ReviewComment, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { usePaneViews } from '../layout/pane-views-slice';
import { reportError, useNotices } from '../notices/notices-slice';
import { lineSpan } from './comment-marks';
import { EditCommentForm, NewCommentForm } from './comment-form';
import type { CommentTarget } from './file-diff-panel';
import { plural } from './review-format';
import { draftsOf, reviewOf, useReview } from './review-slice';

const STATUS_LABEL: Record<ReviewComment['status'], string> = {
  draft: 'Draft',
  sent: 'Sent',
  resolved: 'Resolved',
};

async function deleteComment(comment: ReviewComment): Promise<void> {
  try {
    await requireClient().api.review.deleteComment({ commentId: comment.id });
    const store = useReview.getState();
    const current = reviewOf(store.byThread, comment.threadId).comments ?? [];
    store.update(comment.threadId, { comments: current.filter((c) => c.id !== comment.id) });
  } catch (error) {
    reportError(error);
  }
}

function CommentCard({ comment }: { comment: ReviewComment }) {
  const [editing, setEditing] = useState(false);
  const where = `${comment.path}, ${comment.side === 'old' ? 'before, ' : ''}${lineSpan(comment.startLine, comment.endLine)}`;
  return (
    <li
      className={`review-comment-card review-comment-card-${comment.status}`}
      aria-label={`Comment on ${where}`}
    >
      <div className="review-comment-card-head">
        <button
          type="button"
          className="link-button review-comment-link mono"
          title="Show this file"
          onClick={() => useReview.getState().select(comment.threadId, comment.path)}
        >
          {where}
        </button>
        <span className={`review-chip review-chip-${comment.status}`}>{STATUS_LABEL[comment.status]}</span>
      </div>
      {editing ? (
        <EditCommentForm commentId={comment.id} initial={comment.body} onClose={() => setEditing(false)} />
      ) : (
        <p className="review-comment-body">{comment.body}</p>
      )}
      {comment.status === 'draft' && !editing && (
        <div className="review-form-actions">
          <button
            type="button"
            className="link-button"
            aria-label={`Edit comment on ${where}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="link-button danger"
            aria-label={`Delete comment on ${where}`}
            onClick={() => void deleteComment(comment)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

interface CommentsPanelProps {
  thread: Thread;
  target: CommentTarget | null;
  onCloseForm: () => void;
}

/** The thread's review comments: the form for a new one, drafts to send, and what was sent before. */
export function CommentsPanel({ thread, target, onCloseForm }: CommentsPanelProps) {
  const comments = useReview((s) => reviewOf(s.byThread, thread.id).comments);
  const [note, setNote] = useState('');
  const { pending, error, run } = useAsyncAction();
  const drafts = draftsOf(comments);
  const earlier = (comments ?? [])
    .filter((c) => c.status !== 'draft')
    .sort((a, b) => b.updatedAt - a.updatedAt);
  const running = thread.status === 'working' || thread.status === 'waiting_approval';

  const send = async () => {
    const result = await run(() =>
      requireClient().api.review.send({ threadId: thread.id, ...(note.trim() ? { message: note } : {}) }),
    );
    if (!result) return;
    setNote('');
    const store = useReview.getState();
    const sentIds = new Set(result.comments.map((c) => c.id));
    const current = reviewOf(store.byThread, thread.id).comments ?? [];
    store.update(thread.id, {
      comments: [...current.filter((c) => !sentIds.has(c.id)), ...result.comments],
    });
    useNotices
      .getState()
      .pushToast(
        'info',
        `Sent ${plural(result.comments.length, 'comment')} to the agent (turn ${result.turn.seq}).`,
      );
    usePaneViews.getState().show(thread.id, 'conversation');
  };

  return (
    <section className="review-comments" aria-label="Comments">
      <h3 className="review-side-heading">
        Comments{drafts.length > 0 ? ` · ${plural(drafts.length, 'draft')}` : ''}
      </h3>
      {target && (
        <NewCommentForm
          key={JSON.stringify(target)}
          threadId={thread.id}
          target={target}
          onClose={onCloseForm}
        />
      )}
      {comments === null ? (
        <p className="review-side-empty">Loading comments…</p>
      ) : comments.length === 0 && !target ? (
        <p className="review-side-empty">
          Select lines in the diff and choose Comment. Drafts gather here until you send them.
        </p>
      ) : null}
      {drafts.length > 0 && (
        <ul className="review-comment-list" aria-label="Draft comments">
          {drafts.map((comment) => (
            <CommentCard key={comment.id} comment={comment} />
          ))}
        </ul>
      )}
      {drafts.length > 0 && (
        <div className="review-send">
          <input
            className="text-input"
            aria-label="Note to the agent (optional)"
            placeholder="Note to the agent (optional)"
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button
            type="button"
            className="button primary wide"
            disabled={pending || running}
            title={
              running
                ? 'The agent is working; send when its turn ends.'
                : 'Start a turn that quotes each draft'
            }
            onClick={() => void send()}
          >
            Send to agent ({drafts.length})
          </button>
          {error && (
            <p className="inline-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      {earlier.length > 0 && (
        <ul className="review-comment-list" aria-label="Sent comments">
          {earlier.map((comment) => (
            <CommentCard key={comment.id} comment={comment} />
          ))}
        </ul>
      )}
    </section>
  );
}
