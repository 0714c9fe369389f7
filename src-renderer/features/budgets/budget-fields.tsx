import { useId, useState } from 'react';
import type { BudgetLimit, BudgetStatus } from '../../../src-shared/contract';
import { draftOfLimit, limitOfDraft, spentText, type BudgetDraft } from './budget-form';

/**
 * Token and dollar limits for one budget with what was spent beside them. `onSave` gets the new
 * limits; `continueLabel` adds a second button that saves and then continues the paused turn.
 */
export function BudgetFields({
  legend,
  status,
  pending,
  onSave,
  continueLabel,
}: {
  legend: string;
  status: BudgetStatus;
  pending: boolean;
  onSave: (limit: BudgetLimit, thenContinue: boolean) => void;
  continueLabel?: string;
}) {
  const [draft, setDraft] = useState<BudgetDraft>(() => draftOfLimit(status.limit));
  const [problem, setProblem] = useState<string | null>(null);
  const tokensId = useId();
  const usdId = useId();
  const spentId = useId();

  const save = (thenContinue: boolean) => {
    const parsed = limitOfDraft(draft);
    if ('error' in parsed) {
      setProblem(parsed.error);
      return;
    }
    setProblem(null);
    onSave(parsed.limit, thenContinue);
  };

  return (
    <fieldset className="budget-fields" aria-describedby={spentId}>
      <legend>{legend}</legend>
      <p id={spentId} className={`budget-spent${status.reached ? ' is-reached' : ''}`}>
        Spent: {spentText(status)}
        {status.reached && <strong> · Budget reached</strong>}
      </p>
      <div className="budget-inputs">
        <label htmlFor={tokensId} className="field-label">
          Max tokens
        </label>
        <input
          id={tokensId}
          className="text-input"
          inputMode="numeric"
          placeholder="No limit"
          value={draft.maxTokens}
          onChange={(event) => setDraft({ ...draft, maxTokens: event.target.value })}
        />
        <label htmlFor={usdId} className="field-label">
          Max cost (USD)
        </label>
        <input
          id={usdId}
          className="text-input"
          inputMode="decimal"
          placeholder="No limit"
          value={draft.maxUsd}
          onChange={(event) => setDraft({ ...draft, maxUsd: event.target.value })}
        />
      </div>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="budget-actions">
        <button type="button" className="button small" disabled={pending} onClick={() => save(false)}>
          Save budget
        </button>
        {continueLabel && (
          <button
            type="button"
            className="button small primary"
            disabled={pending}
            onClick={() => save(true)}
          >
            {continueLabel}
          </button>
        )}
      </div>
    </fieldset>
  );
}
