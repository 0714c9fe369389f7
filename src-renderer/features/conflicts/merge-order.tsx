import { useState } from 'react';
import type { ConflictMatrix, Simulation } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { simulationStepText, type TitleOf } from './conflict-labels';

function SimulationResult({ simulation, titleOf }: { simulation: Simulation; titleOf: TitleOf }) {
  const landed = simulation.steps.filter((s) => s.outcome === 'merged').length;
  return (
    <div className="radar-simulation" role="status">
      <p className="radar-simulation-summary">
        {simulation.brokeAt === null
          ? `Every thread lands cleanly on ${simulation.base} in this order.`
          : `The chain breaks at ${titleOf(simulation.brokeAt)}: ${landed} of ${simulation.steps.length} land cleanly on ${simulation.base}.`}
      </p>
      <ol className="radar-steps" aria-label="Simulated merges">
        {simulation.steps.map((step) => (
          <li
            key={step.threadId}
            className={`radar-step radar-step-${step.outcome}${step.threadId === simulation.brokeAt ? ' is-break' : ''}`}
          >
            <span className="radar-step-icon" aria-hidden="true">
              {step.outcome === 'merged' ? '✓' : '⚠'}
            </span>
            <span>
              <strong>{titleOf(step.threadId)}</strong> {simulationStepText(step)}
              {step.threadId === simulation.brokeAt && (
                <span className="radar-break"> (the chain breaks here)</span>
              )}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The order that lands the most threads cleanly, and a dry run of it (nothing moves). */
export function MergeOrder({ matrix, titleOf }: { matrix: ConflictMatrix; titleOf: TitleOf }) {
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const simulating = useAsyncAction();
  const simulate = async () => {
    const result = await simulating.run(() =>
      requireClient().api.conflicts.simulate({ projectId: matrix.projectId }),
    );
    if (result) setSimulation(result);
  };

  return (
    <section className="radar-order" aria-label="Merge order">
      <h3 className="radar-section-title">Suggested merge order</h3>
      {matrix.suggestedOrder.length === 0 ? (
        <p className="field-hint">No order yet: the radar is still comparing the threads.</p>
      ) : (
        <ol className="radar-order-list" aria-label="Suggested merge order">
          {matrix.suggestedOrder.map((threadId) => (
            <li key={threadId}>{titleOf(threadId)}</li>
          ))}
        </ol>
      )}
      <button
        type="button"
        className="button small"
        disabled={simulating.pending || matrix.suggestedOrder.length === 0}
        onClick={() => void simulate()}
      >
        {simulating.pending ? 'Simulating…' : 'Simulate merges'}
      </button>
      <p className="field-hint">Chains the merges in this order without moving any branch.</p>
      {simulating.error && (
        <p className="inline-error" role="alert">
          {simulating.error}
        </p>
      )}
      {simulation && <SimulationResult simulation={simulation} titleOf={titleOf} />}
    </section>
  );
}
