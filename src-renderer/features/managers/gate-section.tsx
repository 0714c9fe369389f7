import { useId, useState, type FormEvent } from 'react';
import type { Manager } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { AttemptCheck } from '../attempts/attempt-check';
import { describeGate, shortCommit } from './manager-labels';
import { useManagers } from './managers-slice';

/** The gate on the manager's "done": its state, what it merged and checked, and the user's two levers. */
export function GateSection({
  manager,
  titleOf,
}: {
  manager: Manager;
  titleOf: (threadId: string) => string;
}) {
  const { gate } = manager;
  const { label, tone } = describeGate(gate);
  const [waiving, setWaiving] = useState(false);
  const [reason, setReason] = useState('');
  const { pending, error, run } = useAsyncAction();
  const reasonId = useId();

  const runGate = async () => {
    const result = await run(() => requireClient().api.manager.runGate({ threadId: manager.threadId }));
    if (result) useManagers.getState().upsert(result.manager);
  };

  const waive = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      requireClient().api.manager.waiveGate({ threadId: manager.threadId, reason: reason.trim() }),
    );
    if (!result) return;
    useManagers.getState().upsert(result.manager);
    setWaiving(false);
    setReason('');
  };

  return (
    <section className="manager-gate" aria-label="Gate">
      <header className="manager-section-head">
        <h3>Gate</h3>
        <span className={`status status-${tone}`} role="status">
          <span className="status-dot" aria-hidden="true" />
          {label}
        </span>
        <span className="manager-section-actions">
          <button
            type="button"
            className="button small"
            disabled={pending || gate.status === 'running'}
            onClick={() => void runGate()}
          >
            Run gate
          </button>
          {gate.status !== 'passed' && gate.status !== 'waived' && (
            <button
              type="button"
              className="button small"
              aria-expanded={waiving}
              onClick={() => setWaiving((w) => !w)}
            >
              Waive gate…
            </button>
          )}
        </span>
      </header>
      <dl className="manager-gate-facts">
        <div>
          <dt>Scratch commit</dt>
          <dd className="mono">{shortCommit(gate.scratchCommit)}</dd>
        </div>
        <div>
          <dt>Merged</dt>
          <dd>
            {gate.mergedThreadIds.length === 0 ? 'none yet' : gate.mergedThreadIds.map(titleOf).join(', ')}
          </dd>
        </div>
        {gate.waivedReason && (
          <div>
            <dt>Waived</dt>
            <dd>{gate.waivedReason}</dd>
          </div>
        )}
      </dl>
      {gate.conflicts.length > 0 && (
        <ul className="manager-conflicts" aria-label="Conflicting paths">
          {gate.conflicts.map((path) => (
            <li key={path} className="mono">
              {path}
            </li>
          ))}
        </ul>
      )}
      {gate.check && <AttemptCheck check={gate.check} name="the gate" />}
      {waiving && (
        <form className="manager-waive" onSubmit={(event) => void waive(event)}>
          <label htmlFor={reasonId} className="field-label">
            Reason for waiving the gate
          </label>
          <textarea
            id={reasonId}
            className="text-input"
            rows={2}
            maxLength={2000}
            value={reason}
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button small danger" disabled={pending || reason.trim() === ''}>
            Waive gate
          </button>
        </form>
      )}
      <InlineError message={error} />
    </section>
  );
}
