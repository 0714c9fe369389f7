import type { Gate, Manager, WorkerState } from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';
import type { StatusTone } from '../threads/thread-status';

export function describeWorkerState(state: WorkerState): { label: string; tone: StatusTone } {
  switch (state) {
    case 'working':
      return { label: 'Working', tone: 'busy' };
    case 'idle':
      return { label: 'Idle', tone: 'muted' };
    case 'handed_back':
      return { label: 'Handed back', tone: 'ok' };
    case 'stopped':
      return { label: 'Stopped', tone: 'muted' };
    default:
      return assertNever(state);
  }
}

export function describeGate(gate: Gate): { label: string; tone: StatusTone } {
  switch (gate.status) {
    case 'not_run':
      return { label: 'Gate not run', tone: 'muted' };
    case 'running':
      return { label: 'Gate running', tone: 'busy' };
    case 'passed':
      return { label: 'Gate passed', tone: 'ok' };
    case 'failed':
      return { label: 'Gate failed', tone: 'bad' };
    case 'conflict':
      return {
        label: `Gate: ${gate.conflicts.length} ${gate.conflicts.length === 1 ? 'conflict' : 'conflicts'}`,
        tone: 'bad',
      };
    case 'waived':
      return { label: 'Gate waived', tone: 'attention' };
    default:
      return assertNever(gate.status);
  }
}

/** "2 workers: 1 working, 1 handed back". */
export function summarizeWorkers(manager: Manager): string {
  const count = manager.workers.length;
  if (count === 0) return 'No workers yet';
  const byState = new Map<WorkerState, number>();
  for (const worker of manager.workers) byState.set(worker.state, (byState.get(worker.state) ?? 0) + 1);
  const parts = [...byState].map(([state, n]) => `${n} ${describeWorkerState(state).label.toLowerCase()}`);
  return `${count} ${count === 1 ? 'worker' : 'workers'}: ${parts.join(', ')}`;
}

/** A short commit id as git prints it. */
export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : '—';
}
