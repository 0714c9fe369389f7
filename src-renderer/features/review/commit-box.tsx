import { useId, useState } from 'react';
import type { DiffSummary } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useNotices } from '../notices/notices-slice';
import { plural, shortCommit } from './review-format';

interface CommitBoxProps {
  threadId: string;
  summary: DiffSummary | null;
  onCommitted: () => void;
}

/** Stages everything and commits it in the thread's worktree; the agent can propose the message. */
export function CommitBox({ threadId, summary, onCommitted }: CommitBoxProps) {
  const [message, setMessage] = useState('');
  const [amend, setAmend] = useState(false);
  const [source, setSource] = useState<string | null>(null);
  const propose = useAsyncAction();
  const commit = useAsyncAction();
  const messageId = useId();
  const uncommitted =
    summary?.range.kind === 'base' ? summary.files.filter((f) => f.uncommitted).length : null;
  const nothingToCommit = uncommitted === 0 && !amend;

  const proposeMessage = async () => {
    const result = await propose.run(() => requireClient().api.review.proposeMessage({ threadId }));
    if (!result) return;
    setMessage(result.message);
    setSource(result.source === 'agent' ? 'Proposed by the agent.' : 'A summary of the changed files.');
  };

  const doCommit = async () => {
    const result = await commit.run(() =>
      requireClient().api.review.commit({ threadId, message, ...(amend ? { amend: true } : {}) }),
    );
    if (!result) return;
    useNotices
      .getState()
      .pushToast('info', `${amend ? 'Amended' : 'Committed'} ${shortCommit(result.commit)}.`);
    setMessage('');
    setSource(null);
    setAmend(false);
    onCommitted();
  };

  return (
    <section className="review-commit" aria-label="Commit">
      <h3 className="review-side-heading">Commit</h3>
      <p className="review-side-hint">
        {uncommitted === null
          ? 'Commits every uncommitted change in the worktree.'
          : uncommitted === 0
            ? 'Everything is committed.'
            : `${plural(uncommitted, 'file')} with uncommitted changes.`}
      </p>
      <label className="sr-only" htmlFor={messageId}>
        Commit message
      </label>
      <textarea
        id={messageId}
        className="review-textarea"
        rows={3}
        placeholder="Commit message"
        value={message}
        onChange={(event) => {
          setMessage(event.target.value);
          setSource(null);
        }}
      />
      {source && <p className="review-side-hint">{source}</p>}
      <div className="review-commit-row">
        <label className="review-check">
          <input type="checkbox" checked={amend} onChange={(event) => setAmend(event.target.checked)} />
          Amend last commit
        </label>
        <button
          type="button"
          className="button small"
          disabled={propose.pending}
          title="Ask for a message describing the uncommitted work"
          onClick={() => void proposeMessage()}
        >
          {propose.pending ? 'Proposing…' : 'Propose'}
        </button>
        <button
          type="button"
          className="button small primary"
          disabled={commit.pending || !message.trim() || nothingToCommit}
          onClick={() => void doCommit()}
        >
          {amend ? 'Amend' : 'Commit'}
        </button>
      </div>
      {(propose.error ?? commit.error) && (
        <p className="inline-error" role="alert">
          {propose.error ?? commit.error}
        </p>
      )}
    </section>
  );
}
