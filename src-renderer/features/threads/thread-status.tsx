import type { ThreadStatus } from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';

export type StatusTone = 'busy' | 'ok' | 'attention' | 'bad' | 'muted';

export function describeStatus(status: ThreadStatus): { label: string; tone: StatusTone } {
  switch (status) {
    case 'creating':
      return { label: 'Creating', tone: 'busy' };
    case 'setting_up':
      return { label: 'Setting up', tone: 'busy' };
    case 'setup_failed':
      return { label: 'Setup failed', tone: 'bad' };
    case 'ready':
      return { label: 'Ready', tone: 'ok' };
    case 'working':
      return { label: 'Working', tone: 'busy' };
    case 'waiting_approval':
      return { label: 'Needs approval', tone: 'attention' };
    case 'done':
      return { label: 'Done', tone: 'ok' };
    case 'error':
      return { label: 'Error', tone: 'bad' };
    case 'archived':
      return { label: 'Archived', tone: 'muted' };
    case 'missing':
      return { label: 'Missing', tone: 'bad' };
    default:
      return assertNever(status);
  }
}

/** A coloured dot plus the status in words: colour is never the only signal. */
export function ThreadStatusBadge({ status, detail }: { status: ThreadStatus; detail?: string | null }) {
  const { label, tone } = describeStatus(status);
  return (
    <span className={`status status-${tone}`} title={detail ?? undefined}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
