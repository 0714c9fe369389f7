import { useDialogs } from '../../app/dialogs-slice';
import { useBudgets } from './budgets-slice';
import './budgets.css';

/** A thread's "Budget reached" mark; pressing it opens the budget to raise it and continue. */
export function BudgetBadge({ threadId }: { threadId: string }) {
  const message = useBudgets((s) => s.reached[threadId]);
  if (message === undefined) return null;
  return (
    <button
      type="button"
      className="budget-badge"
      title={message}
      aria-label={`Budget reached: ${message}`}
      onClick={() => useDialogs.getState().show({ kind: 'thread-agent-settings', threadId })}
    >
      Budget reached
    </button>
  );
}
