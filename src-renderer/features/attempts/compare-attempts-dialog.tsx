import { useEffect, useId, useMemo, useState } from 'react';
import type { Attempt, AttemptGroup } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { usePanes } from '../layout/panes-slice';
import { useProjects } from '../projects/projects-slice';
import { AttemptCard } from './attempt-card';
import { AttemptDiffPanel } from './attempt-diff-panel';
import { ATTEMPT_SORT_LABELS, describeGroupStatus, sortAttempts, type AttemptSort } from './attempt-format';
import { useAttempts } from './attempts-slice';
import { PickWinnerDialog } from './pick-winner-dialog';
import './attempts.css';

interface DiffPair {
  fromThreadId: string;
  toThreadId: string;
}

/** Fetches the group fresh on open (diff sizes and costs are measured when asked), then follows `attempt/updated`. */
function useGroup(groupId: string): { group: AttemptGroup | undefined; error: string | null } {
  const client = useSession((s) => s.client);
  const group = useAttempts((s) => s.byId[groupId]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.attempt.get({ groupId }).then(
      (result) => {
        if (!cancelled) useAttempts.getState().upsert(result.group);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, groupId]);
  return { group, error };
}

function CompareBody({ group, onClose }: { group: AttemptGroup; onClose: () => void }) {
  const project = useProjects((s) => s.byId[group.projectId]);
  const checkCommand = project?.settings.checkCommand ?? null;
  const [sort, setSort] = useState<AttemptSort>('index');
  const [pair, setPair] = useState<DiffPair | null>(null);
  const [picking, setPicking] = useState<Attempt | null>(null);
  const { pending, error, run } = useAsyncAction();
  const sortId = useId();
  const sorted = useMemo(() => sortAttempts(group.attempts, sort), [group.attempts, sort]);
  const byThread = (id: string) => group.attempts.find((a) => a.thread.id === id);
  const pairFrom = pair && byThread(pair.fromThreadId);
  const pairTo = pair && byThread(pair.toThreadId);
  const checkTitle = checkCommand
    ? `Runs “${checkCommand}” in the attempt's worktree`
    : 'Set a check command in the repository settings first';

  const check = (threadId?: string) =>
    void run(async () => {
      const { group: next } = await requireClient().api.attempt.check({
        groupId: group.id,
        ...(threadId ? { threadId } : {}),
      });
      useAttempts.getState().upsert(next);
    });

  const open = (attempt: Attempt) => {
    usePanes.getState().openBeside(attempt.thread.id);
    onClose();
  };

  return (
    <>
      <div className="attempts-compare-head">
        <div className="attempts-compare-task">
          <p className="attempts-compare-status" role="status">
            {describeGroupStatus(group)}
          </p>
          <p className="attempts-compare-prompt" title={group.prompt}>
            {group.prompt}
          </p>
        </div>
        <label htmlFor={sortId} className="attempts-sort-label">
          Sort by
        </label>
        <select
          id={sortId}
          className="select compact"
          value={sort}
          onChange={(e) => setSort(e.target.value as AttemptSort)}
        >
          {Object.entries(ATTEMPT_SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button small"
          title={checkTitle}
          disabled={!checkCommand || pending}
          onClick={() => check()}
        >
          Run check on all
        </button>
      </div>
      {!checkCommand && (
        <p className="field-hint">
          No check command is set for this repository: set one (its test command, say) in the repository
          settings to judge the attempts.
        </p>
      )}
      <InlineError message={error} />
      <div className="attempt-cards" role="list" aria-label={`Attempts of ${group.title}`}>
        {sorted.map((attempt) => (
          <div role="listitem" key={attempt.thread.id}>
            <AttemptCard
              group={group}
              attempt={attempt}
              canCheck={checkCommand !== null && checkCommand.trim() !== ''}
              checkTitle={checkTitle}
              onOpen={() => open(attempt)}
              onCheck={() => check(attempt.thread.id)}
              onDiffAgainst={(other) =>
                setPair({ fromThreadId: other.thread.id, toThreadId: attempt.thread.id })
              }
              onPick={() => setPicking(attempt)}
            />
          </div>
        ))}
      </div>
      {pairFrom && pairTo && (
        <AttemptDiffPanel
          key={`${pairFrom.thread.id}:${pairTo.thread.id}`}
          group={group}
          from={pairFrom}
          to={pairTo}
          onSwap={() => setPair({ fromThreadId: pairTo.thread.id, toThreadId: pairFrom.thread.id })}
          onClose={() => setPair(null)}
        />
      )}
      {picking && <PickWinnerDialog group={group} attempt={picking} onClose={() => setPicking(null)} />}
    </>
  );
}

/** The compare view of one attempt group: every attempt's state, numbers and check, diffs between them, the pick. */
export function CompareAttemptsDialog({ groupId, onClose }: { groupId: string; onClose: () => void }) {
  const { group, error } = useGroup(groupId);
  return (
    <Modal title={group ? `Attempts: ${group.title}` : 'Attempts'} onClose={onClose} size="wide">
      <div className="attempts-compare">
        {group ? (
          <CompareBody group={group} onClose={onClose} />
        ) : error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status">Loading the attempts…</p>
        )}
      </div>
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}
