import { useState } from 'react';
import type { ReviewFinding, ReviewRun, ReviewVerdict, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { reportError, useNotices } from '../notices/notices-slice';
import { lineSpan } from '../review/comment-marks';
import { reviewOf, useReview } from '../review/review-slice';
import { confidenceText, SEVERITY_WORD } from './finding-marks';
import { runsOf, useReviewAgent } from './review-agent-slice';
import { useReviewAgentRuns } from './use-review-agent-runs';
import './review-agent.css';

const VERDICT_WORD: Record<ReviewVerdict, string> = {
  approve: 'Approve',
  request_changes: 'Changes requested',
  comment: 'Comments',
};

const STATUS_WORD: Record<ReviewFinding['status'], string> = {
  open: 'Open',
  sent: 'Sent to the agent',
  dismissed: 'Dismissed',
};

function where(finding: ReviewFinding): string {
  return `${finding.path}, ${lineSpan(finding.startLine, finding.endLine)}`;
}

function goTo(threadId: string, finding: ReviewFinding): void {
  const review = useReview.getState();
  // Findings are about the whole work against the base; a turn's diff may not have their lines.
  if (reviewOf(review.byThread, threadId).range.kind !== 'base') review.setRange(threadId, { kind: 'base' });
  review.select(threadId, finding.path);
  useReviewAgent.getState().requestReveal(threadId, finding.path, finding.startLine);
}

function FindingCard({ threadId, finding }: { threadId: string; finding: ReviewFinding }) {
  const [busy, setBusy] = useState(false);
  const act = async (action: 'send' | 'dismiss') => {
    setBusy(true);
    try {
      const api = requireClient().api.reviewAgent;
      if (action === 'dismiss') {
        await api.dismiss({ findingId: finding.id });
      } else {
        const sent = await api.send({ findingId: finding.id });
        useNotices
          .getState()
          .pushToast(
            'info',
            sent.steered ? 'Added the finding to the running turn.' : 'Sent the finding to the agent.',
          );
      }
      const { runs } = await requireClient().api.reviewAgent.runs({ threadId });
      useReviewAgent.getState().setRuns(threadId, runs);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className={`review-finding-card review-finding-card-${finding.severity} review-finding-status-${finding.status}`}
      aria-label={`Finding: ${finding.title}`}
    >
      <div className="review-finding-head">
        <span className={`review-chip review-severity review-severity-${finding.severity}`}>
          {SEVERITY_WORD[finding.severity]}
        </span>
        <span className="review-finding-confidence">{confidenceText(finding.confidence)}</span>
        {finding.status !== 'open' && <span className="review-chip">{STATUS_WORD[finding.status]}</span>}
      </div>
      <button
        type="button"
        className="link-button review-comment-link mono"
        aria-label={`Go to ${where(finding)}`}
        title="Show these lines in the diff"
        onClick={() => goTo(threadId, finding)}
      >
        {where(finding)}
      </button>
      <h4 className="review-finding-title">{finding.title}</h4>
      <p className="review-finding-body">{finding.body}</p>
      {finding.status === 'open' && (
        <div className="review-form-actions">
          <button
            type="button"
            className="button small"
            disabled={busy}
            aria-label={`Send to agent: ${finding.title}`}
            onClick={() => void act('send')}
          >
            Send to agent
          </button>
          <button
            type="button"
            className="link-button"
            disabled={busy}
            aria-label={`Dismiss: ${finding.title}`}
            onClick={() => void act('dismiss')}
          >
            Dismiss
          </button>
        </div>
      )}
    </li>
  );
}

function RunHeader({ run }: { run: ReviewRun }) {
  const model =
    run.reviewer === 'codex'
      ? `Codex${run.model ? ` · ${run.model}` : ''}`
      : `${run.provider ?? ''} · ${run.model}`;
  switch (run.status) {
    case 'running':
      return (
        <p className="review-side-hint" role="status">
          Reviewing with {model}…
        </p>
      );
    case 'failed':
      return (
        <p className="inline-error" role="alert">
          The review failed: {run.error}
        </p>
      );
    case 'cancelled':
      return <p className="review-side-hint">The review with {model} was cancelled.</p>;
    case 'completed':
      return (
        <div className="review-agent-verdict" role="status">
          <span className={`review-chip review-verdict-${run.verdict ?? 'comment'}`}>
            {run.verdict ? VERDICT_WORD[run.verdict] : 'Reviewed'}
          </span>{' '}
          <span className="review-finding-confidence">
            {model}
            {run.costUsd !== null ? ` · $${run.costUsd.toFixed(4)}` : ''}
          </span>
          {run.summary && <p className="review-agent-summary">{run.summary}</p>}
          {run.diffTruncated && (
            <p className="review-side-hint">
              The diff was too long; the reviewer saw its start and end only.
            </p>
          )}
        </div>
      );
  }
}

/** The review agent's findings for the thread: the newest run's verdict, findings and malformed answers. */
export function FindingsPanel({ thread }: { thread: Thread }) {
  useReviewAgentRuns(thread.id);
  const runs = useReviewAgent((s) => runsOf(s.runs, thread.id));
  const latest = runs[0];
  if (!latest) return null;
  const open = latest.findings.filter((f) => f.status !== 'dismissed');
  const dismissed = latest.findings.filter((f) => f.status === 'dismissed');
  return (
    <section className="review-agent-findings" aria-label="Review agent findings">
      <h3 className="review-side-heading">
        Agent review{latest.status === 'completed' ? ` · ${latest.findings.length} finding(s)` : ''}
      </h3>
      <RunHeader run={latest} />
      {latest.status === 'completed' && latest.findings.length === 0 && (
        <p className="review-side-empty">The reviewer found nothing to report.</p>
      )}
      {open.length > 0 && (
        <ul className="review-comment-list" aria-label="Findings">
          {open.map((finding) => (
            <FindingCard key={finding.id} threadId={thread.id} finding={finding} />
          ))}
        </ul>
      )}
      {dismissed.length > 0 && (
        <details className="review-agent-more">
          <summary>Dismissed ({dismissed.length})</summary>
          <ul className="review-comment-list" aria-label="Dismissed findings">
            {dismissed.map((finding) => (
              <FindingCard key={finding.id} threadId={thread.id} finding={finding} />
            ))}
          </ul>
        </details>
      )}
      {latest.invalid.length > 0 && (
        <section className="review-agent-invalid" aria-label="Reported as malformed">
          <h4 className="review-finding-title">Reported as malformed ({latest.invalid.length})</h4>
          <p className="review-side-hint">
            The reviewer returned these entries, but they failed validation, so they are not shown as
            findings.
          </p>
          <ul className="review-agent-invalid-list">
            {latest.invalid.map((entry) => (
              <li key={entry.index}>
                <span>
                  Entry {entry.index + 1}: {entry.reason}
                </span>
                <code className="mono">{entry.raw}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {runs.length > 1 && (
        <p className="review-side-hint">{runs.length - 1} earlier review run(s) are kept.</p>
      )}
    </section>
  );
}
