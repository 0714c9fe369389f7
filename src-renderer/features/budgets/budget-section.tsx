import { useCallback, useEffect, useState } from 'react';
import type { BudgetLimit, BudgetScope, BudgetView } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useProjects } from '../projects/projects-slice';
import { BudgetFields } from './budget-fields';
import { useBudgets } from './budgets-slice';
import './budgets.css';

/**
 * A thread's budget and its project's (which covers all the project's threads), or a project's
 * alone. While the thread is paused at a budget, "Save and continue" raises it and picks the turn up
 * (then `onContinued`, e.g. the dialog closes on the conversation).
 */
export function BudgetSection({
  threadId,
  projectId,
  onContinued,
}: {
  threadId?: string;
  projectId: string;
  onContinued?: () => void;
}) {
  const [view, setView] = useState<BudgetView | null>(null);
  const [version, setVersion] = useState(0);
  const { pending, error, run } = useAsyncAction();
  const paused = useBudgets((s) => (threadId ? threadId in s.reached : false));
  const projectName = useProjects((s) => s.byId[projectId]?.name ?? 'this project');

  const load = useCallback(
    () => requireClient().api.budget.get(threadId ? { threadId } : { projectId }),
    [threadId, projectId],
  );
  useEffect(() => {
    let live = true;
    void run(load).then((loaded) => {
      if (live && loaded) setView(loaded);
    });
    // What was spent moves as turns end: the totals follow (the fields keep what is being typed).
    const stop = requireClient().on('budget/updated', ({ status }) => {
      if (status.projectId !== projectId) return;
      void load().then((loaded) => {
        if (live) setView(loaded);
      });
    });
    return () => {
      live = false;
      stop();
    };
  }, [load, run, projectId]);

  const save = (scope: BudgetScope) => (limit: BudgetLimit, thenContinue: boolean) =>
    void run(async () => {
      const client = requireClient();
      await client.api.budget.set(
        scope === 'thread' ? { scope, threadId, ...limit } : { scope, projectId, ...limit },
      );
      const updated = await load();
      setView(updated);
      // Fields restart from the saved limits.
      setVersion((current) => current + 1);
      if (thenContinue && threadId) {
        await client.api.turn.continue({ threadId });
        useBudgets.getState().clear(threadId);
        onContinued?.();
      }
    });

  if (!view) return error ? <InlineError message={error} /> : <p>Loading budget…</p>;
  const continueLabel = (reached: boolean) => (paused && reached ? 'Save and continue' : undefined);
  return (
    <section className="budget-section" aria-label="Budget">
      <h3 className="budget-heading">Budget</h3>
      <p className="field-hint">
        When a budget is reached the agent pauses before its next model call and waits for you.
      </p>
      {view.thread && (
        <BudgetFields
          key={`thread-${version}`}
          legend="This thread"
          status={view.thread}
          pending={pending}
          onSave={save('thread')}
          continueLabel={continueLabel(view.thread.reached)}
        />
      )}
      <BudgetFields
        key={`project-${version}`}
        legend={`All threads of ${projectName}`}
        status={view.project}
        pending={pending}
        onSave={save('project')}
        continueLabel={continueLabel(view.project.reached)}
      />
      <InlineError message={error} />
    </section>
  );
}
