import { useMemo } from 'react';
import type { DiffSummary, Thread } from '../../../src-shared/contract';
import { useConversation } from '../conversation/conversation-slice';
import { useThreadTranscript } from '../conversation/use-thread-transcript';
import { ReviewAgentControls } from '../review-agent/review-agent-controls';
import { plural, shortCommit } from './review-format';
import { reviewOf, useReview, useReviewPreferences, type DiffLayout } from './review-slice';
import { BASE_CHOICE, firstRequests, rangeChoices, rangeValue } from './turn-choices';

/** "All changes" and each turn with snapshots, from the transcript the conversation keeps. */
function useRangeChoices(threadId: string) {
  useThreadTranscript(threadId);
  const turns = useConversation((s) => s.byThread[threadId]?.turns);
  const order = useConversation((s) => s.byThread[threadId]?.order);
  return useMemo(() => {
    if (!turns) return [BASE_CHOICE];
    // `order` changes when items are added; a request never arrives as a delta, so this is enough.
    const items = useConversation.getState().byThread[threadId]?.items ?? {};
    const ordered = (order ?? []).flatMap((id) => (items[id] ? [items[id]] : []));
    return rangeChoices(Object.values(turns), firstRequests(ordered));
  }, [threadId, turns, order]);
}

const LAYOUTS: { value: DiffLayout; label: string }[] = [
  { value: 'side-by-side', label: 'Side by side' },
  { value: 'inline', label: 'Inline' },
];

interface ReviewToolbarProps {
  thread: Thread;
  summary: DiffSummary | null;
  loading: boolean;
  /** The comments-and-commit column: shown or folded away, and the drafts waiting in it. */
  sideOpen: boolean;
  drafts: number;
  onToggleSide: () => void;
  onRefresh: () => void;
  onMerge: () => void;
  onPublish: () => void;
}

export function ReviewToolbar(props: ReviewToolbarProps) {
  const { thread, summary, loading, sideOpen, drafts, onToggleSide, onRefresh, onMerge, onPublish } = props;
  const range = useReview((s) => reviewOf(s.byThread, thread.id).range);
  const layout = useReviewPreferences((s) => s.layout);
  const choices = useRangeChoices(thread.id);
  const value = rangeValue(range);
  const listed = choices.some((c) => c.value === value);

  return (
    <div className="review-toolbar" role="toolbar" aria-label={`Review of ${thread.title}`}>
      <select
        className="select review-range"
        aria-label="Changes to review"
        value={listed ? value : BASE_CHOICE.value}
        onChange={(event) => {
          const choice = choices.find((c) => c.value === event.target.value);
          if (choice) useReview.getState().setRange(thread.id, choice.range);
        }}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <span className="review-totals" role="status" aria-live="polite">
        {summary ? (
          <>
            {plural(summary.totals.files, 'file')}{' '}
            <span className="review-add">+{summary.totals.additions}</span>{' '}
            <span className="review-del">−{summary.totals.deletions}</span>
            {summary.base && (
              <span
                className="review-base"
                title={`Compared with ${summary.base.branch} at ${summary.base.commit}`}
              >
                {' '}
                vs {summary.base.branch} {shortCommit(summary.from)}
              </span>
            )}
          </>
        ) : loading ? (
          'Loading changes…'
        ) : null}
      </span>
      <div className="review-segmented" role="group" aria-label="Diff layout">
        {LAYOUTS.map((option) => (
          <button
            key={option.value}
            type="button"
            className={layout === option.value ? 'segment selected' : 'segment'}
            aria-pressed={layout === option.value}
            onClick={() => useReviewPreferences.getState().setLayout(option.value)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button small"
        onClick={onRefresh}
        disabled={loading}
        title="Look for changes again"
      >
        Refresh
      </button>
      <span className="review-toolbar-spacer" />
      <ReviewAgentControls thread={thread} />
      <button
        type="button"
        className={!sideOpen && drafts > 0 ? 'button small review-attention' : 'button small'}
        aria-expanded={sideOpen}
        aria-controls={`${thread.id}-review-side`}
        title={sideOpen ? 'Hide comments and commit' : 'Show comments and commit'}
        onClick={onToggleSide}
      >
        Comments{drafts > 0 ? ` (${drafts})` : ''}
      </button>
      <button type="button" className="button small" onClick={onPublish}>
        Publish…
      </button>
      <button type="button" className="button small primary" onClick={onMerge}>
        Merge…
      </button>
    </div>
  );
}
