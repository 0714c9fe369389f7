import { useState } from 'react';
import type { Attempt, AttemptGroup } from '../../../src-shared/contract';
import { Menu } from '../../app/ui/menu';
import { ThreadStatusBadge } from '../threads/thread-status';
import { useThreads } from '../threads/threads-slice';
import { AttemptCheck } from './attempt-check';
import {
  attemptName,
  describeDiff,
  describeOutcome,
  formatCost,
  formatTokens,
  variantLabel,
} from './attempt-format';

interface AttemptCardProps {
  group: AttemptGroup;
  attempt: Attempt;
  canCheck: boolean;
  checkTitle: string;
  onOpen: () => void;
  onCheck: () => void;
  onDiffAgainst: (other: Attempt) => void;
  onPick: () => void;
}

/** One attempt in the compare view: how it went, its numbers, and what can be done with it. */
export function AttemptCard(props: AttemptCardProps) {
  const { group, attempt, canCheck, checkTitle, onOpen, onCheck, onDiffAgainst, onPick } = props;
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  // The thread store follows every status change; the group is only republished at milestones.
  const thread = useThreads((s) => s.byId[attempt.thread.id]) ?? attempt.thread;
  const name = attemptName(attempt);
  const outcome = describeOutcome(attempt.outcome);
  const others = group.attempts.filter((a) => a.thread.id !== attempt.thread.id);
  const archived = attempt.outcome === 'discarded';
  return (
    <article className={`attempt-card outcome-${attempt.outcome}`} aria-label={name}>
      <header className="attempt-card-head">
        <h3 className="attempt-card-title">
          {name}
          <span className="attempt-card-thread" title={attempt.thread.branch}>
            {attempt.thread.title}
          </span>
        </h3>
        {outcome && <span className={`attempt-outcome attempt-outcome-${attempt.outcome}`}>{outcome}</span>}
      </header>
      {attempt.error && (
        <p className="attempt-error" role="alert">
          {attempt.error}
        </p>
      )}
      <dl className="attempt-facts">
        <div>
          <dt>Agent</dt>
          <dd>{variantLabel(attempt.variant)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <ThreadStatusBadge status={thread.status} detail={thread.statusDetail} />
          </dd>
        </div>
        <div>
          <dt>Diff</dt>
          <dd className="attempt-diff-size">{describeDiff(attempt.diff)}</dd>
        </div>
        <div>
          <dt>Usage</dt>
          <dd>
            {formatTokens(attempt.tokens)} · {formatCost(attempt.costUsd)}
          </dd>
        </div>
        <div>
          <dt>Check</dt>
          <dd>
            <AttemptCheck check={attempt.check} name={name} />
          </dd>
        </div>
      </dl>
      <div className="attempt-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Open ${name}`}
          disabled={archived}
          onClick={onOpen}
        >
          Open
        </button>
        <button
          type="button"
          className="button small"
          aria-label={`Run check on ${name}`}
          title={checkTitle}
          disabled={!canCheck || archived || attempt.check?.status === 'running'}
          onClick={onCheck}
        >
          Run check
        </button>
        <button
          type="button"
          className="button small"
          aria-label={`Diff ${name} against…`}
          aria-haspopup="menu"
          aria-expanded={menuAt !== null}
          disabled={others.length === 0}
          onClick={(event) => {
            const rect = event.currentTarget.getBoundingClientRect();
            setMenuAt({ x: rect.left, y: rect.bottom + 2 });
          }}
        >
          Diff against…
        </button>
        {group.status !== 'picked' && (
          <button
            type="button"
            className="button small primary"
            aria-label={`Pick ${name} as winner`}
            onClick={onPick}
          >
            Pick as winner
          </button>
        )}
      </div>
      {menuAt && (
        <Menu
          label={`Diff ${name} against`}
          at={menuAt}
          onClose={() => setMenuAt(null)}
          items={others.map((other) => ({
            label: `${attemptName(other)}: ${other.thread.title}`,
            onSelect: () => onDiffAgainst(other),
          }))}
        />
      )}
    </article>
  );
}
