import { useEffect, useId, useState } from 'react';
import type { Attempt, AttemptGroup, DiffHunk } from '../../../src-shared/contract';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { attemptName } from './attempt-format';

interface TakeChangesProps {
  group: AttemptGroup;
  /** The attempt whose changes (against the base) are taken. */
  source: Attempt;
  defaultTarget: Attempt;
  path: string;
  onTaken: () => void;
}

interface TakeResult {
  applied: number;
  rejected: string[];
  into: string;
}

/** The source attempt's hunks of one file against its base: what `attempt/takeHunks` indexes. */
function useSourceHunks(threadId: string, path: string, wanted: boolean) {
  const client = useSession((s) => s.client);
  const [state, setState] = useState<{ key: string; hunks: DiffHunk[] | null; error: string | null }>({
    key: '',
    hunks: null,
    error: null,
  });
  const key = `${threadId}:${path}`;
  useEffect(() => {
    if (!client || !wanted) return;
    let cancelled = false;
    void (async () => {
      try {
        const summary = await client.api.review.files({ threadId, range: { kind: 'base' } });
        const file = summary.files.find((f) => f.path === path);
        const hunks = file
          ? (
              await client.api.review.fileDiff({
                threadId,
                from: summary.from,
                to: summary.to,
                path,
                oldPath: file.oldPath,
              })
            ).hunks
          : [];
        if (!cancelled) setState({ key, hunks, error: null });
      } catch (error) {
        if (!cancelled)
          setState({ key, hunks: null, error: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, threadId, path, wanted, key]);
  return state.key === key ? state : { hunks: null, error: null };
}

/** "Take changes": one file, or chosen hunks of it, from one attempt into another attempt's worktree. */
export function TakeChanges({ group, source, defaultTarget, path, onTaken }: TakeChangesProps) {
  const targets = group.attempts.filter((a) => a.thread.id !== source.thread.id && a.outcome !== 'discarded');
  const [targetId, setTargetId] = useState(defaultTarget.thread.id);
  const target = targets.find((a) => a.thread.id === targetId) ?? targets[0];
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [result, setResult] = useState<TakeResult | null>(null);
  const { pending, error, run } = useAsyncAction();
  const { hunks, error: hunksError } = useSourceHunks(source.thread.id, path, choosing);
  const intoId = useId();
  const sourceName = attemptName(source);

  if (!target) return null;
  const targetName = attemptName(target);

  const take = async (indexes?: number[]) => {
    const taken = await run(() =>
      requireClient().api.attempt.takeHunks({
        groupId: group.id,
        fromThreadId: source.thread.id,
        toThreadId: target.thread.id,
        path,
        ...(indexes ? { hunks: indexes } : {}),
      }),
    );
    if (!taken) return;
    setResult({ ...taken, into: targetName });
    setChosen(new Set());
    onTaken();
  };

  const toggle = (index: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    <section className="take-changes" aria-label="Take changes">
      <div className="take-changes-row">
        <span className="take-changes-what">
          Take <code>{path}</code> from {sourceName}
        </span>
        <label htmlFor={intoId}>into</label>
        <select
          id={intoId}
          className="select compact"
          value={target.thread.id}
          onChange={(e) => setTargetId(e.target.value)}
        >
          {targets.map((a) => (
            <option key={a.thread.id} value={a.thread.id}>
              {attemptName(a)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button small"
          aria-label={`Take ${path} from ${sourceName} into ${targetName}`}
          disabled={pending}
          onClick={() => void take()}
        >
          Take whole file
        </button>
        <button
          type="button"
          className="button small"
          aria-expanded={choosing}
          onClick={() => setChoosing((c) => !c)}
        >
          Choose hunks…
        </button>
      </div>
      {choosing && (
        <div className="take-hunks">
          {hunksError ? (
            <p className="inline-error" role="alert">
              {hunksError}
            </p>
          ) : hunks === null ? (
            <p role="status">Loading {sourceName}&apos;s hunks…</p>
          ) : hunks.length === 0 ? (
            <p>{sourceName} did not change this file against its base: there is nothing of it to take.</p>
          ) : (
            <>
              <ul className="take-hunk-list" aria-label={`Hunks of ${path} in ${sourceName}`}>
                {hunks.map((hunk, index) => (
                  <li key={hunk.header}>
                    <label>
                      <input type="checkbox" checked={chosen.has(index)} onChange={() => toggle(index)} />{' '}
                      <code>{hunk.header}</code>
                    </label>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="button small primary"
                disabled={pending || chosen.size === 0}
                onClick={() => void take([...chosen].sort((a, b) => a - b))}
              >
                Take {chosen.size} {chosen.size === 1 ? 'hunk' : 'hunks'} into {targetName}
              </button>
            </>
          )}
        </div>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div role="status" className="take-result">
          <p>
            Took {result.applied} {result.applied === 1 ? 'hunk' : 'hunks'} into {result.into}.
          </p>
          {result.rejected.length > 0 && (
            <>
              <p className="take-rejected-title">
                Not taken (they do not apply there; the file was left as it was):
              </p>
              <ul className="take-rejected" aria-label="Rejected hunks">
                {result.rejected.map((text) => (
                  <li key={text}>
                    <code>{text}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
